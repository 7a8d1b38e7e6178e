package dev.braintrust.spring.boot.autoconfigure.prompt;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.BraintrustConfigurationException;
import dev.braintrust.spring.boot.autoconfigure.BraintrustConnectionDetails;
import dev.braintrust.spring.boot.autoconfigure.BraintrustProperties;
import dev.braintrust.spring.boot.autoconfigure.BraintrustSsl;
import dev.braintrust.spring.boot.autoconfigure.BraintrustProperties.Mode;
import dev.braintrust.spring.boot.autoconfigure.ResolvedMode;
import dev.braintrust.spring.prompt.BraintrustPrompts;
import dev.braintrust.spring.prompt.HttpPromptLoader;
import dev.braintrust.spring.prompt.PromptCache;
import dev.braintrust.spring.prompt.ResourcePromptLoader;
import dev.braintrust.spring.prompt.SpringAiPrompts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Braintrust prompts: the
 * {@link BraintrustPrompts} bean, which loads prompts from Braintrust when an API key is
 * configured (with a cache in memory and on disk) and from prompt resources otherwise,
 * and with Spring AI on the classpath, {@link SpringAiPrompts}. Nothing touches the
 * network or the disk at start-up.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "braintrust.prompts.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ BraintrustProperties.class, BraintrustPromptProperties.class })
public final class BraintrustPromptAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BraintrustPrompts braintrustPrompts(BraintrustProperties properties, BraintrustPromptProperties promptProperties,
			BraintrustConnectionDetails connectionDetails, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles, Environment environment) {
		Mode mode = ResolvedMode.resolve(properties.isEnabled(), properties.getMode(), connectionDetails.getApiKey());
		BraintrustPromptProperties.Cache cache = promptProperties.getCache();
		BraintrustPromptProperties.Resources resources = promptProperties.getResources();
		BraintrustPrompts.Builder builder = BraintrustPrompts.builder()
			.resources(new ResourcePromptLoader(resourceLoader, resources.getLocation()))
			.resourcesAsFallback(resources.isFallback())
			.strict(promptProperties.isStrict())
			.ttl(cache.getTtl())
			.cache(new PromptCache(cache.getMemory().getMaxEntries(), diskDirectory(properties, cache),
					cache.getDisk().getMaxEntries()));
		if (StringUtils.hasText(promptProperties.getProject())) {
			builder.project(promptProperties.getProject(), null);
		}
		else {
			String name = StringUtils.hasText(properties.getProject()) ? properties.getProject()
					: environment.getProperty("spring.application.name");
			builder.project(name, properties.getProjectId());
		}
		String apiKey = connectionDetails.getApiKey();
		if (mode == Mode.REMOTE && apiKey != null) {
			HttpClient client = httpClient(properties, promptProperties, sslBundles.getIfAvailable());
			builder.remote(new HttpPromptLoader(client, connectionDetails.getApiUrl(), apiKey,
					connectionDetails.getOrgName(), promptProperties.getTimeout()));
		}
		return builder.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.chat.prompt.Prompt")
	static class SpringAiPromptsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringAiPrompts braintrustSpringAiPrompts(BraintrustPrompts braintrustPrompts) {
			return new SpringAiPrompts(braintrustPrompts);
		}

	}

	private static @Nullable Path diskDirectory(BraintrustProperties properties,
			BraintrustPromptProperties.Cache cache) {
		if (!cache.getDisk().isEnabled()) {
			return null;
		}
		Path directory = cache.getDisk().getDirectory();
		return (directory != null) ? directory : properties.getLocal().getDirectory().resolve("prompt-cache");
	}

	private static HttpClient httpClient(BraintrustProperties properties, BraintrustPromptProperties promptProperties,
			@Nullable SslBundles sslBundles) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(promptProperties.getTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL);
		ProxySelector proxySelector = ProxySelector.getDefault();
		if (proxySelector != null) {
			builder.proxy(proxySelector);
		}
		BraintrustSsl ssl = BraintrustSsl.from(properties, sslBundles);
		if (ssl != null) {
			builder.sslContext(ssl.context());
			if (ssl.parameters() != null) {
				builder.sslParameters(ssl.parameters());
			}
		}
		return builder.build();
	}

}

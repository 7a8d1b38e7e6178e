package dev.braintrust.spring.sample.offline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the chat model before the context starts, unless {@code spring.ai.model.chat}
 * is set: OpenAI ({@code spring.ai.model.chat=openai}) when an OpenAI API key or base URL
 * is configured, else the {@link OfflineSupportChatModel}
 * ({@code spring.ai.model.chat=offline}, which switches Spring AI's OpenAI chat
 * auto-configuration off so that it does not fail for want of a key).
 * <p>
 * A key is {@code spring.ai.openai.api-key}, {@code spring.ai.openai.chat.api-key} or the
 * {@code OPENAI_API_KEY} environment variable; a base URL is
 * {@code spring.ai.openai.base-url}, {@code spring.ai.openai.chat.base-url} or
 * {@code OPENAI_BASE_URL}. A base URL without a key (a local Ollama or vLLM server) gets
 * {@code spring.ai.openai.api-key} set to empty, Spring AI's no-authentication mode.
 * <p>
 * The values are added as the last property source, so any explicit setting wins.
 *
 * @author Braintrust
 */
public class ChatModelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Spring AI's property that selects the chat model's provider. */
	public static final String CHAT_MODEL_PROPERTY = "spring.ai.model.chat";

	/** The value that selects the offline model. */
	public static final String OFFLINE = "offline";

	/** The value that selects OpenAI (or an OpenAI-compatible server). */
	public static final String OPENAI = "openai";

	static final String PROPERTY_SOURCE_NAME = "sampleChatModel";

	private static final String[] API_KEYS = { "spring.ai.openai.api-key", "spring.ai.openai.chat.api-key" };

	private static final String[] BASE_URLS = { "spring.ai.openai.base-url", "spring.ai.openai.chat.base-url",
			"OPENAI_BASE_URL" };

	@Override
	public int getOrder() {
		// After application.yml and friends are loaded
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(CHAT_MODEL_PROPERTY)) {
			return;
		}
		boolean apiKey = StringUtils.hasText(environment.getProperty("OPENAI_API_KEY"));
		for (String name : API_KEYS) {
			// Present but empty is Spring AI's no-authentication mode: a choice too
			apiKey = apiKey || environment.containsProperty(name);
		}
		boolean baseUrl = false;
		for (String name : BASE_URLS) {
			baseUrl = baseUrl || StringUtils.hasText(environment.getProperty(name));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(CHAT_MODEL_PROPERTY, (apiKey || baseUrl) ? OPENAI : OFFLINE);
		if (baseUrl && !apiKey) {
			properties.put(API_KEYS[0], "");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

}

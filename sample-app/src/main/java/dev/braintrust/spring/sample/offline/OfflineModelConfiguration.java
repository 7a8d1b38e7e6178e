package dev.braintrust.spring.sample.offline;

import dev.braintrust.spring.ai.BraintrustAdvisorLogConvention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The offline chat model, used when {@code spring.ai.model.chat=offline}: Spring AI's own
 * switch between model providers, which {@link ChatModelEnvironmentPostProcessor} sets
 * when no OpenAI key or base URL is configured.
 *
 * @author Braintrust
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ChatModelEnvironmentPostProcessor.CHAT_MODEL_PROPERTY,
		havingValue = ChatModelEnvironmentPostProcessor.OFFLINE)
@EnableConfigurationProperties(OfflineModelProperties.class)
class OfflineModelConfiguration {

	@Bean
	OfflineSupportChatModel offlineSupportChatModel(OfflineModelProperties properties) {
		return new OfflineSupportChatModel(properties.getFirstTokenDelay(), properties.getTokenDelay());
	}

	@Bean
	BraintrustAdvisorLogConvention offlineLogConvention() {
		return new OfflineLogConvention();
	}

}

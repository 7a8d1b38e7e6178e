package dev.braintrust.spring.boot.autoconfigure.ai;

import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.ai.BraintrustAdvisorLogConvention;
import dev.braintrust.spring.ai.BraintrustChatClientAdvisor;
import dev.braintrust.spring.ai.BraintrustChatModelObservationHandler;
import dev.braintrust.spring.ai.BraintrustToolCallAdvisor;
import dev.braintrust.spring.ai.DefaultBraintrustAdvisorLogConvention;
import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.BraintrustLogger;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for logging Spring AI calls to
 * Braintrust: the {@link BraintrustChatClientAdvisor} (one {@code llm} span per model
 * call) and the {@link BraintrustToolCallAdvisor} (one {@code tool} span per tool
 * execution), added to every auto-configured {@code ChatClient.Builder} through a
 * {@link ChatClientBuilderCustomizer}, and a
 * {@link BraintrustChatModelObservationHandler} for {@code ChatModel} calls made without
 * them.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class,
		beforeName = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration")
@ConditionalOnClass(ChatClient.class)
@ConditionalOnBean(BraintrustLogger.class)
@ConditionalOnBooleanProperty(name = "braintrust.ai.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BraintrustAiProperties.class)
public final class BraintrustSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(BraintrustAdvisorLogConvention.class)
	DefaultBraintrustAdvisorLogConvention braintrustAdvisorLogConvention() {
		return new DefaultBraintrustAdvisorLogConvention();
	}

	@Bean
	@ConditionalOnMissingBean
	BraintrustChatClientAdvisor braintrustChatClientAdvisor(BraintrustLogger braintrustLogger,
			BraintrustAdvisorLogConvention braintrustAdvisorLogConvention, BraintrustAiProperties properties) {
		return BraintrustChatClientAdvisor.builder(braintrustLogger)
			.convention(braintrustAdvisorLogConvention)
			.captureContent(properties.isCaptureContent())
			.order(properties.getAdvisorOrder())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	BraintrustToolCallAdvisor braintrustToolCallAdvisor(BraintrustLogger braintrustLogger,
			BraintrustAiProperties properties) {
		return BraintrustToolCallAdvisor.builder(braintrustLogger)
			.captureContent(properties.isCaptureContent())
			.order(properties.getToolAdvisorOrder())
			.build();
	}

	@Bean
	ChatClientBuilderCustomizer braintrustChatClientBuilderCustomizer(
			ObjectProvider<BraintrustToolCallAdvisor> toolCallAdvisor,
			ObjectProvider<BraintrustChatClientAdvisor> chatClientAdvisor) {
		return (builder) -> {
			List<Advisor> advisors = new ArrayList<>();
			toolCallAdvisor.ifAvailable(advisors::add);
			chatClientAdvisor.ifAvailable(advisors::add);
			if (!advisors.isEmpty()) {
				builder.defaultAdvisors(advisors);
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "braintrust.ai.observations.enabled", matchIfMissing = true)
	BraintrustChatModelObservationHandler braintrustChatModelObservationHandler(BraintrustLogger braintrustLogger,
			BraintrustAdvisorLogConvention braintrustAdvisorLogConvention, BraintrustAiProperties properties) {
		return new BraintrustChatModelObservationHandler(braintrustLogger, braintrustAdvisorLogConvention,
				properties.isCaptureContent());
	}

}

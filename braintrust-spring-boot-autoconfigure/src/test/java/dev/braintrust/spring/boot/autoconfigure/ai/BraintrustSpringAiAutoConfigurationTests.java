package dev.braintrust.spring.boot.autoconfigure.ai;

import java.nio.file.Path;
import java.time.Duration;

import dev.braintrust.spring.ai.BraintrustAdvisorLogContext;
import dev.braintrust.spring.ai.BraintrustAdvisorLogConvention;
import dev.braintrust.spring.ai.BraintrustChatClientAdvisor;
import dev.braintrust.spring.ai.BraintrustChatModelObservationHandler;
import dev.braintrust.spring.ai.BraintrustToolCallAdvisor;
import dev.braintrust.spring.ai.DefaultBraintrustAdvisorLogConvention;
import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.testsupport.FakeLlmServer;
import dev.braintrust.spring.testsupport.InMemoryLogExporter;
import dev.braintrust.spring.testsupport.SpringAiTestModels;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BraintrustSpringAiAutoConfiguration}.
 */
@Timeout(60)
class BraintrustSpringAiAutoConfigurationTests {

	private static FakeLlmServer server;

	@TempDir
	static Path store;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
				BraintrustSpringAiAutoConfiguration.class, ChatClientAutoConfiguration.class))
		.withPropertyValues("braintrust.local.directory=" + store, "braintrust.logger.async.enabled=false")
		.withUserConfiguration(ModelConfiguration.class);

	@BeforeAll
	static void startServer() {
		server = FakeLlmServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void registersTheAdvisorsOnEveryAutoConfiguredChatClientBuilder() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(BraintrustChatClientAdvisor.class)
				.hasSingleBean(BraintrustToolCallAdvisor.class)
				.hasSingleBean(DefaultBraintrustAdvisorLogConvention.class)
				.hasSingleBean(BraintrustChatModelObservationHandler.class)
				.hasBean("braintrustChatClientBuilderCustomizer");
			assertThat(context.getBean(BraintrustChatClientAdvisor.class).getOrder())
				.isEqualTo(BraintrustChatClientAdvisor.DEFAULT_ORDER);
			assertThat(context.getBean(BraintrustToolCallAdvisor.class).getOrder())
				.isEqualTo(BraintrustToolCallAdvisor.DEFAULT_ORDER);
			InMemoryLogExporter exporter = context.getBean(InMemoryLogExporter.class);
			ChatClient client = context.getBean(ChatClient.Builder.class).build();
			assertThat(client.prompt().user("What is the capital of Germany?").call().content())
				.isEqualTo("The capital of Germany is Berlin.");
			// the model has no observation registry: only the advisor on the builder can
			// log it
			assertThat(exporter.spans("llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.path("span_attributes").path("name").asString()).isEqualTo("Chat Completion");
				assertThat(llm.path("output").get(0).path("message").path("content").asString())
					.isEqualTo("The capital of Germany is Berlin.");
			});
		});
	}

	@Test
	void observationHandlerIsRegisteredWithBootsObservationRegistry() {
		this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class)).run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			ChatModel model = SpringAiTestModels.openAi(server, "gpt-4o-mini", registry);
			model.call(new Prompt("What is the capital of Japan?"));
			InMemoryLogExporter exporter = context.getBean(InMemoryLogExporter.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> exporter.spans("llm").size() == 1);
			assertThat(exporter.spans("llm").get(0).path("output").get(0).path("message").path("content").asString())
				.isEqualTo("The capital of Japan is Tokyo.");
		});
	}

	@Test
	void bindsTheProperties() {
		this.runner
			.withPropertyValues("braintrust.ai.capture-content=false", "braintrust.ai.advisor-order=123",
					"braintrust.ai.tool-advisor-order=7")
			.run((context) -> {
				assertThat(context.getBean(BraintrustChatClientAdvisor.class).getOrder()).isEqualTo(123);
				assertThat(context.getBean(BraintrustToolCallAdvisor.class).getOrder()).isEqualTo(7);
				context.getBean(ChatClient.Builder.class).build().prompt().user("Hi").call().content();
				assertThat(context.getBean(InMemoryLogExporter.class).spans("llm")).singleElement()
					.satisfies((llm) -> assertThat(llm.has("input")).isFalse());
			});
	}

	@Test
	void backsOffWithoutSpringAi() {
		this.runner.withClassLoader(new FilteredClassLoader(ChatClient.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(BraintrustChatClientAdvisor.class)
				.doesNotHaveBean(BraintrustToolCallAdvisor.class)
				.doesNotHaveBean(BraintrustChatModelObservationHandler.class)
				.doesNotHaveBean(BraintrustAiProperties.class);
		});
	}

	@Test
	void propertyTurnsTheIntegrationOff() {
		this.runner.withPropertyValues("braintrust.ai.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BraintrustChatClientAdvisor.class)
				.doesNotHaveBean(BraintrustToolCallAdvisor.class)
				.doesNotHaveBean(ChatClientBuilderCustomizer.class)
				.doesNotHaveBean(BraintrustChatModelObservationHandler.class);
			context.getBean(ChatClient.Builder.class).build().prompt().user("Hi").call().content();
			assertThat(context.getBean(InMemoryLogExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void observationHandlerCanBeTurnedOffAlone() {
		this.runner.withPropertyValues("braintrust.ai.observations.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BraintrustChatClientAdvisor.class)
				.doesNotHaveBean(BraintrustChatModelObservationHandler.class));
	}

	@Test
	void userConventionReplacesTheDefault() {
		this.runner.withUserConfiguration(ConventionConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("braintrustAdvisorLogConvention")
				.hasSingleBean(BraintrustAdvisorLogConvention.class);
			context.getBean(ChatClient.Builder.class).build().prompt().user("Hi").call().content();
			assertThat(context.getBean(InMemoryLogExporter.class).spans("llm")).singleElement()
				.satisfies((llm) -> assertThat(llm.path("span_attributes").path("name").asString())
					.isEqualTo("custom openai"));
		});
	}

	@Test
	void userAdvisorBeansAreUsedInstead() {
		this.runner.withUserConfiguration(AdvisorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BraintrustChatClientAdvisor.class);
			assertThat(context.getBean(BraintrustChatClientAdvisor.class).getOrder()).isEqualTo(42);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ModelConfiguration {

		@Bean
		InMemoryLogExporter inMemoryLogExporter() {
			return new InMemoryLogExporter();
		}

		@Bean
		ChatModel chatModel() {
			return SpringAiTestModels.openAi(server, "gpt-4o-mini", ObservationRegistry.NOOP);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		BraintrustAdvisorLogConvention customConvention() {
			return new DefaultBraintrustAdvisorLogConvention() {

				@Override
				public String spanName(BraintrustAdvisorLogContext context) {
					return "custom " + context.getProvider();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AdvisorConfiguration {

		@Bean
		BraintrustChatClientAdvisor customAdvisor(dev.braintrust.spring.logger.BraintrustLogger logger) {
			return BraintrustChatClientAdvisor.builder(logger).order(42).build();
		}

	}

}

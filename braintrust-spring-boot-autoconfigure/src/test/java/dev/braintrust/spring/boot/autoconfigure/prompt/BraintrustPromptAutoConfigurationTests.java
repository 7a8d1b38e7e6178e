package dev.braintrust.spring.boot.autoconfigure.prompt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.BraintrustConfigurationException;
import dev.braintrust.spring.prompt.BraintrustPrompt;
import dev.braintrust.spring.prompt.BraintrustPrompts;
import dev.braintrust.spring.prompt.PromptNotFoundException;
import dev.braintrust.spring.prompt.PromptSpanMetadata;
import dev.braintrust.spring.prompt.PromptUnavailableException;
import dev.braintrust.spring.prompt.SpringAiPrompts;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakePrompts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BraintrustPromptAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustPromptAutoConfigurationTests {

	@TempDir
	Path local;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BraintrustAutoConfiguration.class, BraintrustPromptAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.local);
	}

	@Test
	void withoutApiKeyPromptsComeFromClasspathResources() {
		runner().withPropertyValues("braintrust.project=support").run((context) -> {
			BraintrustPrompts prompts = context.getBean(BraintrustPrompts.class);
			BraintrustPrompt greeting = prompts.load("greeting");
			assertThat(greeting.build(Map.of("shop", "Tea", "name", "Ada")).messages().get(1)).containsEntry("content",
					"Greet Ada.");
			assertThatExceptionOfType(PromptNotFoundException.class).isThrownBy(() -> prompts.load("missing"))
				.withMessageContaining("prompt 'missing' (project 'support', latest version)")
				.withMessageContaining("classpath:braintrust/prompts/");
		});
	}

	@Test
	void resourceLocationIsConfigurable() {
		runner()
			.withPropertyValues("braintrust.project=support",
					"braintrust.prompts.resources.location=classpath:dev/braintrust/spring/prompt/resources")
			.run((context) -> {
				BraintrustPrompts prompts = context.getBean(BraintrustPrompts.class);
				assertThat(prompts.load("classpath-prompt").id()).isEqualTo("11111111-2222-4333-8444-555555555555");
				assertThatExceptionOfType(PromptNotFoundException.class).isThrownBy(() -> prompts.load("greeting"));
			});
	}

	@Test
	void canBeDisabled() {
		runner().withPropertyValues("braintrust.prompts.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustPrompts.class)
				.doesNotHaveBean(SpringAiPrompts.class));
	}

	@Test
	void backsOffForAUserBean() {
		runner().withUserConfiguration(UserPrompts.class)
			.run((context) -> assertThat(context).getBean(BraintrustPrompts.class)
				.isSameAs(context.getBean(UserPrompts.class).prompts));
	}

	@Test
	void withSpringAiPromptsBuildIntoSpringAiPrompts() {
		runner().withPropertyValues("braintrust.project=support").run((context) -> {
			Prompt prompt = context.getBean(SpringAiPrompts.class)
				.prompt("greeting", Map.of("shop", "Tea", "name", "Ada"));
			assertThat(prompt.getUserMessage().getText()).isEqualTo("Greet Ada.");
			assertThat(prompt.getOptions().getModel()).isEqualTo("gpt-4o-mini");
			assertThat(PromptSpanMetadata.find(prompt)).containsEntry("variables",
					Map.of("shop", "Tea", "name", "Ada"));
		});
	}

	@Test
	void withoutSpringAiOnlyTheSpringAiPartBacksOff() {
		runner().withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.withPropertyValues("braintrust.project=support")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SpringAiPrompts.class);
				assertThat(context.getBean(BraintrustPrompts.class)
					.load("greeting")
					.build(Map.of("name", "Ada"))
					.toOpenAiRequest()).containsEntry("model", "gpt-4o-mini");
			});
	}

	@Test
	void strictModeFailsOnMissingVariables() {
		runner().withPropertyValues("braintrust.project=support", "braintrust.prompts.strict=true")
			.run((context) -> assertThat(
					context.getBean(BraintrustPrompts.class).load("greeting").renderer().isStrict())
				.isTrue());
	}

	@Test
	void projectComesFromPromptPropertiesThenBraintrustThenTheApplicationName() {
		runner()
			.withPropertyValues("spring.application.name=app", "braintrust.project=logs",
					"braintrust.prompts.project=prompts")
			.run((context) -> assertThatExceptionOfType(PromptNotFoundException.class)
				.isThrownBy(() -> context.getBean(BraintrustPrompts.class).load("none"))
				.withMessageContaining("(project 'prompts',"));
		runner().withPropertyValues("spring.application.name=app", "braintrust.project=logs")
			.run((context) -> assertThatExceptionOfType(PromptNotFoundException.class)
				.isThrownBy(() -> context.getBean(BraintrustPrompts.class).load("none"))
				.withMessageContaining("(project 'logs',"));
		runner().withPropertyValues("spring.application.name=app")
			.run((context) -> assertThatExceptionOfType(PromptNotFoundException.class)
				.isThrownBy(() -> context.getBean(BraintrustPrompts.class).load("none"))
				.withMessageContaining("(project 'app',"));
		runner().withPropertyValues("spring.application.name=app", "braintrust.project-id=p-1")
			.run((context) -> assertThatExceptionOfType(PromptNotFoundException.class)
				.isThrownBy(() -> context.getBean(BraintrustPrompts.class).load("none"))
				.withMessageContaining("(project id 'p-1',"));
	}

	@Test
	void diskCacheDefaultsToTheLocalDirectory() {
		runner().run((context) -> assertThat(context.getBean(BraintrustPrompts.class).cache().directory())
			.isEqualTo(this.local.resolve("prompt-cache").toAbsolutePath()));
		runner().withPropertyValues("braintrust.prompts.cache.disk.directory=" + this.local.resolve("elsewhere"))
			.run((context) -> assertThat(context.getBean(BraintrustPrompts.class).cache().directory())
				.isEqualTo(this.local.resolve("elsewhere").toAbsolutePath()));
		runner().withPropertyValues("braintrust.prompts.cache.disk.enabled=false")
			.run((context) -> assertThat(context.getBean(BraintrustPrompts.class).cache().directory()).isNull());
		runner().run((context) -> assertThat(this.local.resolve("prompt-cache")).doesNotExist());
	}

	@Test
	void withAnApiKeyPromptsComeFromBraintrustWithResourcesAsFallback() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ApplicationContextRunner remote = runner().withPropertyValues("braintrust.api-key=sk-secret-123",
				"braintrust.api-url=http://127.0.0.1:" + closedPort, "braintrust.project=support",
				"braintrust.prompts.timeout=2s");
		remote.run((context) -> {
			BraintrustPrompts prompts = context.getBean(BraintrustPrompts.class);
			assertThat(prompts).hasToString("BraintrustPrompts[source=HttpPromptLoader[apiUrl=http://127.0.0.1:"
					+ closedPort + ", apiKey=(set)]]");
			assertThat(prompts.load("greeting").slug()).isEqualTo("greeting");
		});
		remote.withPropertyValues("braintrust.prompts.resources.fallback=false").run((context) -> {
			BraintrustPrompts prompts = context.getBean(BraintrustPrompts.class);
			assertThatExceptionOfType(PromptUnavailableException.class).isThrownBy(() -> prompts.load("greeting"))
				.withMessageStartingWith("The prompt 'greeting' (project 'support', latest version) cannot be loaded: "
						+ "Braintrust cannot be used (GET /v1/prompt could not reach http://127.0.0.1:" + closedPort)
				.withMessageNotContaining("sk-secret-123");
		});
	}

	@Test
	@Timeout(60)
	void withAnApiKeyPromptsComeFromBraintrust() {
		try (FakeBraintrustServer server = FakeBraintrustServer.start()) {
			FakePrompts fakePrompts = FakePrompts.register(server);
			ObjectNode saved = fakePrompts.save("support", "greeting", """
					{"prompt":{"type":"chat","messages":[{"role":"user","content":"Hi {{name}}, from Braintrust"}]},
					 "options":{"model":"gpt-4o"}}
					""");
			runner()
				.withPropertyValues("braintrust.api-key=" + server.apiKey(), "braintrust.api-url=" + server.url(),
						"braintrust.org-name=" + server.state().orgName(), "braintrust.project=support")
				.run((context) -> {
					Prompt prompt = context.getBean(SpringAiPrompts.class).prompt("greeting", Map.of("name", "Ada"));
					assertThat(prompt.getUserMessage().getText()).isEqualTo("Hi Ada, from Braintrust");
					assertThat(PromptSpanMetadata.find(prompt)).containsEntry("version",
							saved.path("_xact_id").asString());
					assertThat(server.requests("GET", "/v1/prompt").get(0).query()).containsEntry("org_name",
							List.of(server.state().orgName()));
				});
			server.assertNoValidationFailures();
		}
	}

	@Test
	@Timeout(60)
	void theSslBundleIsTrustedForPrompts() {
		try (FakeBraintrustServer server = FakeBraintrustServer.startHttps()) {
			FakePrompts.register(server)
				.save("support", "tls-only", "{\"prompt\":{\"type\":\"completion\",\"content\":\"over TLS\"}}");
			runner().withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
				.withPropertyValues("braintrust.api-key=" + server.apiKey(), "braintrust.api-url=" + server.url(),
						"braintrust.project=support", "braintrust.ssl.bundle=fake",
						"spring.ssl.bundle.pem.fake.truststore.certificate="
								+ FakeBraintrustServer.CERTIFICATE_LOCATION)
				.run((context) -> assertThat(
						context.getBean(BraintrustPrompts.class).load("tls-only").build().completion())
					.isEqualTo("over TLS"));
			server.assertNoValidationFailures();
		}
	}

	@Test
	void anUnknownSslBundleIsAConfigurationError() {
		runner().withPropertyValues("braintrust.api-key=sk-secret-123", "braintrust.ssl.bundle=corporate")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BraintrustConfigurationException.class)
				.hasMessageContaining("braintrust.ssl.bundle is set to 'corporate'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPrompts {

		final BraintrustPrompts prompts = BraintrustPrompts.builder().build();

		@Bean
		BraintrustPrompts myPrompts() {
			return this.prompts;
		}

	}

}

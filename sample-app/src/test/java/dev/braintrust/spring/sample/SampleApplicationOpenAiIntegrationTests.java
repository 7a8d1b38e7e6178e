package dev.braintrust.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.testsupport.FakeLlmServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the sample application with an OpenAI key and an
 * OpenAI-compatible base URL (a fake provider on 127.0.0.1): the real
 * {@link OpenAiChatModel} answers, with no code change. The application is started as
 * {@code main} would start it, so that the model is chosen from the command line as in
 * production.
 *
 * @author Braintrust
 */
class SampleApplicationOpenAiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path store;

	@Test
	@Timeout(60)
	void withAKeyAndABaseUrlTheOpenAiModelAnswersAndIsTraced() throws Exception {
		try (FakeLlmServer llm = FakeLlmServer.start();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
						"--server.port=0", "--spring.ai.openai.api-key=sk-test-key",
						"--spring.ai.openai.base-url=" + llm.openAiBaseUrl(), "--braintrust.mode=local",
						"--braintrust.local.directory=" + this.store, "--braintrust.eval.run-on-startup=false")) {
			assertThat(context.getBean(ChatModel.class)).isInstanceOf(OpenAiChatModel.class);
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ask"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Where is order 1042?\"}"))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = JSON.readTree(response.body());
			assertThat(answer.get("model").asString()).startsWith("gpt-4o-mini");

			assertThat(llm.requests("/v1/chat/completions")).isNotEmpty().allSatisfy((request) -> {
				assertThat(request.headers().get("authorization")).containsExactly("Bearer sk-test-key");
				assertThat(request.json().get("model").asString()).isEqualTo("gpt-4o-mini");
				assertThat(request.json().at("/messages/0/content").asString()).contains("Kestrel Outfitters")
					.contains("[order-tracking]");
				assertThat(request.json().at("/tools/0/function/name").asString()).isEqualTo("lookupOrder");
			});

			assertThat(context.getBean(BraintrustLogger.class).flush()).isTrue();
			List<ObjectNode> trace = context.getBean(LocalStore.class)
				.readTrace(ObjectRef.projectLogs("support-bot", null), answer.get("traceId").asString());
			List<ObjectNode> llms = trace.stream()
				.filter((span) -> "llm".equals(span.at("/span_attributes/type").asString(null)))
				.toList();
			assertThat(llms).isNotEmpty().allSatisfy((span) -> {
				assertThat(span.at("/span_attributes/name").asString()).isEqualTo("Chat Completion");
				assertThat(span.at("/metadata/provider").asString()).isEqualTo("openai");
				assertThat(span.at("/metrics/prompt_tokens").asInt()).isPositive();
			});
			assertThat(trace).extracting((span) -> span.at("/span_attributes/name").asString())
				.contains("POST /api/ask", "SupportAssistant.answer", "FaqRetriever.search",
						"AnswerPostProcessor.process");
		}
	}

}

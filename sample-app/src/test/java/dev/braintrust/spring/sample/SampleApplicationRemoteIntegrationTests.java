package dev.braintrust.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakePrompts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the sample application in remote mode: with an API key its rows
 * go to a fake Braintrust server on 127.0.0.1, which checks every request against
 * Braintrust's OpenAPI spec.
 *
 * @author Braintrust
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.model.chat=offline", "braintrust.eval.run-on-startup=false",
				"offline-model.first-token-delay=0ms", "offline-model.token-delay=0ms",
				"braintrust.export.max-retries=1", "braintrust.export.initial-backoff=10ms",
				"braintrust.export.max-backoff=20ms", "braintrust.logger.async.schedule-delay=20ms" })
@DirtiesContext
class SampleApplicationRemoteIntegrationTests {

	private static final FakeBraintrustServer server = FakeBraintrustServer.start();

	private static final FakePrompts prompts = FakePrompts.register(server);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void braintrust(DynamicPropertyRegistry registry) {
		registry.add("braintrust.api-key", server::apiKey);
		registry.add("braintrust.api-url", server::url);
		registry.add("braintrust.app-url", server::url);
	}

	@AfterAll
	static void stopServer() {
		server.close();
		server.assertNoValidationFailures();
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	BraintrustLogger logger;

	@Autowired
	EvalRunner evalRunner;

	@Test
	@Timeout(30)
	void theTraceOfAQuestionGoesToBraintrustWithThePromptVersionFromBraintrust() throws Exception {
		assertThat(this.context.getBeanProvider(LocalStore.class).getIfAvailable()).isNull();
		// The prompt as edited in Braintrust: the resource's, with other instructions
		JsonNode resource = JSON
			.readTree(new ClassPathResource("braintrust/prompts/support-answer.json").getInputStream());
		String promptData = resource.get("prompt_data")
			.toString()
			.replace("Answer in at most three sentences", "Answer in at most two sentences");
		ObjectNode saved = prompts.save("support-bot", "support-answer", promptData);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/ask"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Has order #1043 shipped yet?\"}"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = JSON.readTree(response.body()).get("traceId").asString();
		assertThat(this.logger.flush()).isTrue();

		List<ObjectNode> trace = server.state()
			.projectLogs("support-bot")
			.stream()
			.filter((row) -> traceId.equals(row.path("root_span_id").asString(null)))
			.toList();
		assertThat(trace).extracting((row) -> row.at("/span_attributes/name").asString())
			.containsExactlyInAnyOrder("POST /api/ask", "SupportAssistant.answer", "FaqRetriever.search",
					"offline.chat", "lookupOrder", "offline.chat", "AnswerPostProcessor.process");
		ObjectNode root = span(trace, "POST /api/ask");
		ObjectNode answer = span(trace, "SupportAssistant.answer");
		assertThat(root.get("span_parents").isNull()).isTrue();
		assertThat(answer.get("span_parents").toString()).isEqualTo("[\"" + root.get("span_id").asString() + "\"]");
		assertThat(trace).filteredOn((row) -> row != root && row != answer)
			.allSatisfy((row) -> assertThat(row.get("span_parents").toString())
				.isEqualTo("[\"" + answer.get("span_id").asString() + "\"]"));
		assertThat(span(trace, "lookupOrder").at("/output/status").asString()).isEqualTo("processing");
		assertThat(trace).filteredOn((row) -> "llm".equals(row.at("/span_attributes/type").asString()))
			.hasSize(2)
			.allSatisfy((llm) -> {
				assertThat(llm.at("/metadata/prompt/id").asString()).isEqualTo(saved.get("id").asString());
				assertThat(llm.at("/metadata/prompt/version").asString()).isEqualTo(saved.get("_xact_id").asString());
				assertThat(llm.at("/input/0/content").asString()).contains("Answer in at most two sentences");
			});
		assertThat(server.requests("POST", "/v1/insert")).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.text()).doesNotContain(server.apiKey()));
	}

	@Test
	@Timeout(60)
	void anEvalRunIsABraintrustExperiment() {
		EvalResult result = this.evalRunner.run("support-tool-use");
		assertThat(result.passed()).isTrue();
		assertThat(this.logger.flush()).isTrue();
		assertThat(server.state().projectNamed("support-tool-use")).isNotNull();
		List<ObjectNode> rows = server.state().experimentRows(result.experimentName());
		assertThat(rows).filteredOn((row) -> "eval".equals(row.at("/span_attributes/type").asString(null))).hasSize(20);
		assertThat(rows).filteredOn((row) -> "order_lookup".equals(row.at("/span_attributes/name").asString(null)))
			.hasSize(20)
			.allSatisfy((row) -> assertThat(row.at("/scores/order_lookup").asDouble()).isEqualTo(1.0));
		JsonNode llm = rows.stream()
			.filter((row) -> "llm".equals(row.at("/span_attributes/type").asString(null)))
			.findFirst()
			.orElseThrow();
		assertThat(llm.at("/metrics/prompt_tokens").asInt()).isPositive();
	}

	private static ObjectNode span(List<ObjectNode> trace, String name) {
		return trace.stream()
			.filter((row) -> name.equals(row.at("/span_attributes/name").asString(null)))
			.findFirst()
			.orElseThrow();
	}

}

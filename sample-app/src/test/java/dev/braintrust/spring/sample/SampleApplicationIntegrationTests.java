package dev.braintrust.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.scorers.ExactMatch;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.store.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the sample application on the offline model and the embedded
 * local store: a question, a streamed question, and the traces they leave.
 *
 * @author Braintrust
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "braintrust.mode=local", "spring.ai.model.chat=offline", "braintrust.eval.run-on-startup=false",
				"offline-model.first-token-delay=20ms", "offline-model.token-delay=1ms" })
class SampleApplicationIntegrationTests {

	private static final ObjectRef LOGS = ObjectRef.projectLogs("support-bot", null);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path store;

	@DynamicPropertySource
	static void storeDirectory(DynamicPropertyRegistry registry) {
		registry.add("braintrust.local.directory", () -> store.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	BraintrustLogger logger;

	@Autowired
	LocalStore localStore;

	@Autowired
	EvalRunner evalRunner;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	@Timeout(30)
	void askingAboutAnOrderIsOneTraceOfRetrievalModelCallsAndTheTool() throws Exception {
		HttpResponse<String> response = post("/api/ask",
				"{\"question\":\"Where is order 1042?\",\"customerId\":\"c-100\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = JSON.readTree(response.body());
		assertThat(answer.get("answer").asString()).startsWith("Order 1042 is shipped.").contains("DHL");
		assertThat(answer.get("sources").toString()).isEqualTo("[\"order:1042\"]");
		assertThat(answer.get("toolCalls").toString())
			.isEqualTo("[{\"name\":\"lookupOrder\",\"arguments\":{\"orderId\":\"1042\"},\"succeeded\":true}]");
		assertThat(answer.get("model").asString()).isEqualTo("offline-support-bm25");
		String traceId = answer.get("traceId").asString();

		List<ObjectNode> trace = awaitTrace(traceId, 7);
		assertThat(trace).allSatisfy((span) -> assertThat(span.get("root_span_id").asString()).isEqualTo(traceId));
		ObjectNode request = single(trace, "POST /api/ask");
		ObjectNode answerSpan = single(trace, "SupportAssistant.answer");
		ObjectNode retrieval = single(trace, "FaqRetriever.search");
		List<ObjectNode> llms = named(trace, "offline.chat");
		ObjectNode tool = single(trace, "lookupOrder");
		ObjectNode postProcessing = single(trace, "AnswerPostProcessor.process");

		assertThat(request.get("span_parents").isNull()).isTrue();
		assertThat(type(request)).isEqualTo("task");
		assertThat(request.at("/input/request/question").asString()).isEqualTo("Where is order 1042?");
		assertThat(request.at("/output/traceId").asString()).isEqualTo(traceId);
		assertThat(parent(answerSpan)).isEqualTo(spanId(request));
		assertThat(List.of(retrieval, tool, postProcessing)).extracting(SampleApplicationIntegrationTests::parent)
			.containsOnly(spanId(answerSpan));
		assertThat(llms).hasSize(2)
			.extracting(SampleApplicationIntegrationTests::parent)
			.containsOnly(spanId(answerSpan));

		assertThat(type(retrieval)).isEqualTo("function");
		assertThat(retrieval.at("/input/question").asString()).isEqualTo("Where is order 1042?");
		assertThat(type(tool)).isEqualTo("tool");
		assertThat(tool.at("/input/orderId").asString()).isEqualTo("1042");
		assertThat(tool.get("output").toString()).contains("shipped");

		llms.sort((a, b) -> Double.compare(a.at("/metrics/start").asDouble(), b.at("/metrics/start").asDouble()));
		ObjectNode toolCall = llms.get(0);
		ObjectNode reply = llms.get(1);
		assertThat(llms).allSatisfy((llm) -> {
			assertThat(type(llm)).isEqualTo("llm");
			assertThat(llm.at("/metadata/provider").asString()).isEqualTo("offline");
			assertThat(llm.at("/metadata/model").asString()).isEqualTo("offline-support-bm25");
			assertThat(llm.at("/metrics/prompt_tokens").asInt()).isPositive();
			assertThat(llm.at("/metrics/completion_tokens").asInt()).isPositive();
			assertThat(llm.at("/metrics/tokens").asInt())
				.isEqualTo(llm.at("/metrics/prompt_tokens").asInt() + llm.at("/metrics/completion_tokens").asInt());
			// the prompt resource braintrust/prompts/support-answer.json, versioned by
			// its content
			assertThat(llm.at("/metadata/prompt/version").asString()).matches("[0-9a-f]{16}");
			assertThat(llm.at("/metadata/prompt/variables/question").asString()).isEqualTo("Where is order 1042?");
			assertThat(llm.at("/metadata/prompt/variables/faq/0/id").asString()).isEqualTo("order-tracking");
		});
		assertThat(toolCall.at("/output/0/finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(toolCall.at("/output/0/message/tool_calls/0/function/name").asString()).isEqualTo("lookupOrder");
		assertThat(toolCall.at("/metadata/tools").toString()).contains("lookupOrder");
		assertThat(start(toolCall)).isLessThan(start(tool));
		assertThat(start(tool)).isLessThan(start(reply));
		assertThat(reply.at("/input").toString()).contains("\"role\":\"tool\"");
		assertThat(reply.at("/output/0/message/content").asString()).startsWith("Order 1042 is shipped.");
		assertThat(reply.at("/metrics/prompt_tokens").asInt())
			.isGreaterThan(toolCall.at("/metrics/prompt_tokens").asInt());
	}

	@Test
	@Timeout(30)
	void aStreamedAnswerComesTokenByTokenAndIsOneTrace() throws Exception {
		HttpResponse<String> response = post("/api/ask/stream", "{\"question\":\"Can I pay with PayPal?\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<Map.Entry<String, JsonNode>> events = events(response.body());
		List<JsonNode> tokens = events.stream()
			.filter((event) -> event.getKey().equals("token"))
			.map(Map.Entry::getValue)
			.toList();
		assertThat(tokens).hasSizeGreaterThan(10);
		String streamed = tokens.stream().map((token) -> token.get("text").asString()).collect(Collectors.joining());
		assertThat(streamed)
			.isEqualTo("We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. "
					+ "We never store full card numbers. [payment-methods]");
		assertThat(events.get(events.size() - 1).getKey()).isEqualTo("done");
		JsonNode done = events.get(events.size() - 1).getValue();
		assertThat(done.get("answer").asString()).isEqualTo(
				"We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. We never store full card numbers.");
		assertThat(done.get("sources").toString()).isEqualTo("[\"faq:payment-methods\"]");
		String traceId = done.get("traceId").asString();

		List<ObjectNode> trace = awaitTrace(traceId, 5);
		ObjectNode request = single(trace, "POST /api/ask/stream");
		ObjectNode stream = single(trace, "SupportAssistant.stream");
		ObjectNode llm = single(trace, "offline.chat");
		assertThat(request.get("span_parents").isNull()).isTrue();
		assertThat(request.at("/output/answer").asString()).isEqualTo(done.get("answer").asString());
		assertThat(parent(stream)).isEqualTo(spanId(request));
		assertThat(List.of(single(trace, "FaqRetriever.search"), llm, single(trace, "AnswerPostProcessor.process")))
			.extracting(SampleApplicationIntegrationTests::parent)
			.containsOnly(spanId(stream));
		assertThat(llm.at("/metadata/stream").asBoolean()).isTrue();
		assertThat(llm.at("/metrics/time_to_first_token").asDouble()).isPositive();
		assertThat(llm.at("/metrics/completion_tokens").asInt()).isPositive();
		assertThat(llm.at("/output/0/message/content").asString()).isEqualTo(streamed);
	}

	@Test
	@Timeout(30)
	void aBlankQuestionIsABadRequest() throws Exception {
		assertThat(post("/api/ask", "{\"question\":\" \"}").statusCode()).isEqualTo(400);
		assertThat(post("/api/ask/stream", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	@Timeout(60)
	void theEvalsRunOfflineAndASecondRunComparesWithTheFirst() {
		EvalResult first = this.evalRunner.run("support-answers");
		EvalResult second = this.evalRunner.run("support-answers");
		assertThat(first.passed()).isTrue();
		assertThat(first.cases()).hasSize(20);
		assertThat(first.summary().scores()).containsKeys("Levenshtein", ExactMatch.NAME, "ListContains");
		assertThat(first.summary().scores().get(ExactMatch.NAME).score()).isGreaterThanOrEqualTo(0.8);
		assertThat(first.summary().metrics().get("llm_calls").metric().doubleValue()).isEqualTo(1.25);
		assertThat(second.summary().comparisonExperimentName()).isEqualTo(first.experimentName());
		assertThat(second.summary().scores().get(ExactMatch.NAME).diff()).isZero();
		EvalResult toolUse = this.evalRunner.run("support-tool-use");
		assertThat(toolUse.passed()).isTrue();
		assertThat(toolUse.summary().scores().get("order_lookup").score()).isEqualTo(1.0);
		assertThat(this.localStore.rowsFile(first.experiment())).startsWith(store.resolve("support-answers"));
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.timeout(Duration.ofSeconds(20))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The trace once it has the expected spans, all ended. */
	private List<ObjectNode> awaitTrace(String traceId, int spans) {
		List<List<ObjectNode>> trace = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.logger.flush()).isTrue();
			List<ObjectNode> rows = this.localStore.readTrace(LOGS, traceId);
			assertThat(rows).hasSize(spans).allSatisfy((row) -> assertThat(row.at("/metrics/end").isNumber()).isTrue());
			trace.add(0, new ArrayList<>(rows));
		});
		return trace.get(0);
	}

	private static List<Map.Entry<String, JsonNode>> events(String body) {
		List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			Map<String, String> fields = block.lines()
				.filter((line) -> line.contains(":"))
				.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf(':')),
						(line) -> line.substring(line.indexOf(':') + 1), (a, b) -> a + "\n" + b));
			if (fields.containsKey("data")) {
				events.add(Map.entry(fields.getOrDefault("event", "message"), JSON.readTree(fields.get("data"))));
			}
		}
		return events;
	}

	private static ObjectNode single(List<ObjectNode> trace, String name) {
		List<ObjectNode> spans = named(trace, name);
		assertThat(spans).as("spans named %s in %s", name, names(trace)).hasSize(1);
		return spans.get(0);
	}

	private static List<ObjectNode> named(List<ObjectNode> trace, String name) {
		return trace.stream()
			.filter((span) -> name.equals(span.at("/span_attributes/name").asString(null)))
			.collect(Collectors.toCollection(ArrayList::new));
	}

	private static List<String> names(List<ObjectNode> trace) {
		return trace.stream().map((span) -> span.at("/span_attributes/name").asString(null)).toList();
	}

	private static String type(ObjectNode span) {
		return span.at("/span_attributes/type").asString();
	}

	private static String spanId(ObjectNode span) {
		return span.get("span_id").asString();
	}

	private static String parent(ObjectNode span) {
		JsonNode parents = span.get("span_parents");
		assertThat(parents.size()).as("parents of %s", span.at("/span_attributes/name")).isEqualTo(1);
		return parents.get(0).asString();
	}

	private static double start(ObjectNode span) {
		return span.at("/metrics/start").asDouble();
	}

}

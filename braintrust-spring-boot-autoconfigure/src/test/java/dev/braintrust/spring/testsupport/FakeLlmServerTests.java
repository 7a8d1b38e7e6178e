package dev.braintrust.spring.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link FakeLlmServer}: raw wire shapes and compatibility with Spring AI's own
 * OpenAI and Anthropic chat models.
 */
@Timeout(60)
class FakeLlmServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FakeLlmServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startServer() {
		server = FakeLlmServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void reset() {
		server.reset();
	}

	@Test
	void openAiCompletionHasTheRecordedShape() throws Exception {
		JsonNode completion = postOpenAi("""
				{"model":"gpt-4o-mini","temperature":0.0,"messages":[
				{"role":"system","content":"you are a helpful assistant"},
				{"role":"user","content":"What is the capital of France?"}]}""").body();
		assertThat(completion.path("id").asString()).startsWith("chatcmpl-");
		assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
		assertThat(completion.path("model").asString()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(completion.path("system_fingerprint").asString()).startsWith("fp_");
		JsonNode choice = completion.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
		assertThat(choice.path("message").path("content").asString()).isEqualTo("The capital of France is Paris.");
		JsonNode usage = completion.path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isPositive();
		assertThat(usage.path("total_tokens").asInt())
			.isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
		assertThat(usage.path("prompt_tokens_details").path("cached_tokens").isNumber()).isTrue();
		assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isZero();
		assertThat(server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.json().path("model").asString()).isEqualTo("gpt-4o-mini");
		});
	}

	@Test
	void openAiStreamEndsWithAUsageOnlyChunk() throws Exception {
		String body = postRaw(server.openAiBaseUrl() + "/chat/completions", "Authorization", "Bearer test", """
				{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
				"messages":[{"role":"user","content":"Count from 1 to 10 slowly."}]}""");
		List<JsonNode> chunks = new ArrayList<>();
		for (String line : body.split("\n")) {
			if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
				chunks.add(JSON.readTree(line.substring(6)));
			}
		}
		assertThat(body.strip()).endsWith("data: [DONE]");
		JsonNode last = chunks.get(chunks.size() - 1);
		assertThat(last.path("choices").isEmpty()).isTrue();
		assertThat(last.path("usage").path("completion_tokens").asInt()).isPositive();
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.path("usage").isNull()).isTrue();
		});
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> chunk.path("choices")
			.values()
			.forEach((choice) -> text.append(choice.path("delta").path("content").asString(""))));
		assertThat(text).hasToString("1, 2, 3, 4, 5, 6, 7, 8, 9, 10.");
		assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asString())
			.isEqualTo("stop");
	}

	@Test
	void springAiOpenAiModelCallsAndStreams() {
		OpenAiChatModel model = openAiModel("gpt-4o-mini");
		ChatResponse response = model.call(new Prompt("What is the capital of France?"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("The capital of France is Paris.");
		assertThat(response.getMetadata().getModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(response.getMetadata().getUsage().getCacheReadInputTokens()).isZero();
		List<ChatResponse> chunks = model.stream(new Prompt("Count from 1 to 5")).collectList().block();
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> chunk.getResults().forEach((g) -> text.append(g.getOutput().getText())));
		assertThat(text).hasToString("1, 2, 3, 4, 5.");
		assertThat(chunks.get(chunks.size() - 1).getMetadata().getUsage().getPromptTokens()).isPositive();
	}

	@Test
	void toolsGetACallWithArgumentsFromTheMessageThenAnAnswer() throws Exception {
		String tools = """
				"tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather",
				"parameters":{"type":"object","properties":{"location":{"type":"string"},
				"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location","unit"]}}}]""";
		JsonNode first = postOpenAi("""
				{"model":"gpt-4o-mini","messages":[{"role":"user","content":"What's the weather in Paris today?"}],
				%s}""".formatted(tools)).body();
		JsonNode choice = first.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(choice.path("message").path("content").isNull()).isTrue();
		JsonNode call = choice.path("message").path("tool_calls").get(0);
		assertThat(call.path("id").asString()).startsWith("call_");
		assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
		JsonNode arguments = JSON.readTree(call.path("function").path("arguments").asString());
		assertThat(arguments.path("location").asString()).isEqualTo("Paris");
		assertThat(arguments.path("unit").asString()).isEqualTo("celsius");
		JsonNode second = postOpenAi("""
				{"model":"gpt-4o-mini","messages":[{"role":"user","content":"What's the weather in Paris today?"},
				{"role":"assistant","content":null,"tool_calls":[%s]},
				{"role":"tool","tool_call_id":"%s","content":"18 degrees and sunny"}],%s}""".formatted(call,
				call.path("id").asString(), tools))
			.body();
		assertThat(second.path("choices").get(0).path("message").path("content").asString())
			.isEqualTo("According to get_weather, 18 degrees and sunny.");
	}

	@Test
	void enumChoicesAndQueuedArgumentsSteerToolCalls() throws Exception {
		String request = """
				{"model":"gpt-4o","messages":[{"role":"user","content":"Is the answer correct?"}],
				"tools":[{"type":"function","function":{"name":"select_choice","description":"Call this function to select a choice.",
				"parameters":{"type":"object","properties":{"reasons":{"type":"string"},
				"choice":{"type":"string","enum":["A","B","C"]}},"required":["reasons","choice"]}}}],
				"tool_choice":{"type":"function","function":{"name":"select_choice"}}}""";
		server.enumChoice("choice", "B");
		JsonNode chosen = toolArguments(postOpenAi(request).body());
		assertThat(chosen.path("choice").asString()).isEqualTo("B");
		assertThat(chosen.path("reasons").asString()).isNotBlank();
		server.nextToolCallArguments(Map.of("reasons", "given", "choice", "C"));
		assertThat(toolArguments(postOpenAi(request).body()).path("choice").asString()).isEqualTo("C");
		assertThat(toolArguments(postOpenAi(request).body()).path("choice").asString()).isEqualTo("B");
	}

	@Test
	void anthropicMessageAndStreamHaveTheRecordedShape() throws Exception {
		String request = """
				{"model":"claude-haiku-4-5","max_tokens":128,"system":"You are a helpful assistant.",
				"messages":[{"role":"user","content":"What is the capital of France?"}]%s}""";
		JsonNode message = JSON
			.readTree(postRaw(server.anthropicBaseUrl() + "/v1/messages", "x-api-key", "test", request.formatted("")));
		assertThat(message.path("id").asString()).startsWith("msg_01");
		assertThat(message.path("model").asString()).isEqualTo("claude-haiku-4-5-20251001");
		assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("The capital of France is Paris.");
		assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
		assertThat(message.path("usage").path("cache_read_input_tokens").isNumber()).isTrue();
		assertThat(message.path("usage").path("cache_creation_input_tokens").isNumber()).isTrue();
		String stream = postRaw(server.anthropicBaseUrl() + "/v1/messages", "x-api-key", "test",
				request.formatted(",\"stream\":true"));
		List<String> events = stream.lines().filter((line) -> line.startsWith("event: ")).toList();
		assertThat(events).startsWith("event: message_start", "event: content_block_start", "event: ping")
			.endsWith("event: content_block_stop", "event: message_delta", "event: message_stop");
	}

	@Test
	void springAiAnthropicModelCallsStreamsAndCallsTools() {
		AnthropicChatModel model = anthropicModel();
		ChatResponse response = model.call(new Prompt("What is the capital of France?"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("The capital of France is Paris.");
		assertThat(response.getMetadata().getModel()).isEqualTo("claude-haiku-4-5-20251001");
		List<ChatResponse> chunks = model.stream(new Prompt("Count to 3")).collectList().block();
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> chunk.getResults().forEach((g) -> text.append(g.getOutput().getText())));
		assertThat(text).hasToString("1, 2, 3.");
		assertThat(chunks.get(chunks.size() - 1).getMetadata().getUsage().getCompletionTokens()).isPositive();
	}

	@Test
	void anthropicPromptCachingWritesThenReads() throws Exception {
		String longSystem = "Rules of the road. ".repeat(700);
		String request = """
				{"model":"claude-sonnet-4-5","max_tokens":64,
				"system":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral"}}],
				"messages":[{"role":"user","content":"Hi"}]}""".formatted(longSystem);
		JsonNode first = JSON.readTree(postRaw(server.anthropicBaseUrl() + "/v1/messages", "x-api-key", "k", request));
		JsonNode second = JSON.readTree(postRaw(server.anthropicBaseUrl() + "/v1/messages", "x-api-key", "k", request));
		assertThat(first.path("usage").path("cache_creation_input_tokens").asInt()).isGreaterThanOrEqualTo(1024);
		assertThat(first.path("usage").path("cache_read_input_tokens").asInt()).isZero();
		assertThat(second.path("usage").path("cache_read_input_tokens").asInt())
			.isEqualTo(first.path("usage").path("cache_creation_input_tokens").asInt());
		assertThat(second.path("usage").path("cache_creation_input_tokens").asInt()).isZero();
	}

	@Test
	void openAiCachesLongRepeatedPromptsAndReportsReasoningTokens() throws Exception {
		String request = """
				{"model":"o4-mini","messages":[{"role":"system","content":"%s"},
				{"role":"user","content":"What is 2 + 3?"}]}""".formatted("Policy sentence number one. ".repeat(300));
		JsonNode first = postOpenAi(request).body();
		JsonNode second = postOpenAi(request).body();
		assertThat(first.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
		int cached = second.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt();
		assertThat(cached).isGreaterThanOrEqualTo(1024)
			.isLessThanOrEqualTo(second.path("usage").path("prompt_tokens").asInt());
		assertThat(cached % 128).isZero();
		assertThat(second.path("model").asString()).isEqualTo("o4-mini-2025-04-16");
		assertThat(second.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt())
			.isPositive();
		assertThat(second.path("choices").get(0).path("message").path("content").asString()).isEqualTo("2 + 3 = 5.");
	}

	@Test
	void maxTokensCutsTheAnswer() throws Exception {
		JsonNode completion = postOpenAi("""
				{"model":"gpt-4o-mini","max_tokens":5,"messages":[{"role":"user","content":"Count from 1 to 50"}]}""")
			.body();
		assertThat(completion.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
		assertThat(completion.path("choices").get(0).path("message").path("content").asString()).isEqualTo("1, 2, 3");
	}

	@Test
	void failuresHaveTheProviderErrorShapes() throws Exception {
		server.failNext(429).failNext(500);
		Response rateLimited = postOpenAi("{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
		assertThat(rateLimited.status()).isEqualTo(429);
		assertThat(rateLimited.body().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
		HttpResponse<String> failed = send(server.anthropicBaseUrl() + "/v1/messages", "x-api-key", "k",
				"{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[]}");
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(JSON.readTree(failed.body()).path("error").path("type").asString()).isEqualTo("api_error");
		assertThat(send(server.anthropicBaseUrl() + "/v1/messages", "x-api-key", "k",
				"{\"model\":\"claude-haiku-4-5\",\"messages\":[]}")
			.statusCode()).isEqualTo(400);
		assertThat(send(server.openAiBaseUrl() + "/chat/completions", "X-Other", "k",
				"{\"model\":\"gpt-4o-mini\",\"messages\":[]}")
			.statusCode()).isEqualTo(401);
	}

	@Test
	void springAiModelsSeeFailuresAndBrokenStreams() {
		server.failNext(500);
		assertThatException().isThrownBy(() -> openAiModel("gpt-4o-mini").call(new Prompt("Hi")));
		server.breakNextStreamAfter(3);
		assertThatException()
			.isThrownBy(() -> anthropicModel().stream(new Prompt("Count to 20")).collectList().block());
		assertThat(server.abortedStreams()).isEqualTo(1);
	}

	@Test
	void slowStreamsCanBeCancelled() {
		server.chunkDelay(Duration.ofMillis(20));
		List<ChatResponse> firstChunks = openAiModel("gpt-4o-mini").stream(new Prompt("Count to 30"))
			.take(3)
			.collectList()
			.block();
		assertThat(firstChunks).hasSize(3);
	}

	private OpenAiChatModel openAiModel(String model) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(server.openAiBaseUrl())
				.apiKey("test-key")
				.model(model)
				.maxRetries(0)
				.build())
			.build();
	}

	private AnthropicChatModel anthropicModel() {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(server.anthropicBaseUrl())
				.apiKey("test-key")
				.model("claude-haiku-4-5")
				.maxTokens(256)
				.maxRetries(0)
				.build())
			.build();
	}

	private static JsonNode toolArguments(JsonNode completion) {
		return JSON.readTree(completion.path("choices")
			.get(0)
			.path("message")
			.path("tool_calls")
			.get(0)
			.path("function")
			.path("arguments")
			.asString());
	}

	private Response postOpenAi(String body) throws Exception {
		HttpResponse<String> response = send(server.openAiBaseUrl() + "/chat/completions", "Authorization",
				"Bearer test-key", body);
		return new Response(response.statusCode(), JSON.readTree(response.body()));
	}

	private String postRaw(String url, String header, String value, String body) throws Exception {
		HttpResponse<String> response = send(url, header, value, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(String url, String header, String value, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header(header, value)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private record Response(int status, JsonNode body) {
	}

}

package dev.braintrust.spring.eval.scorers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

/**
 * A small real HTTP server on 127.0.0.1 that speaks OpenAI's wire format for
 * {@code POST /v1/chat/completions} and {@code POST /v1/embeddings}, so tests can drive
 * Spring AI's real {@link OpenAiChatModel} and {@link OpenAiEmbeddingModel}. Chat answers
 * are shaped like the recorded {@code select_choice} answer in autoevals'
 * py/autoevals/test_llm.py ({@code test_factuality}); every request body is kept for
 * assertions.
 */
final class FakeOpenAiServer implements AutoCloseable {

	static final String API_KEY = "sk-test-fake-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();

	private final List<JsonNode> embeddingRequests = new CopyOnWriteArrayList<>();

	private volatile Function<JsonNode, ObjectNode> chatAnswer = (request) -> toolCallAnswer(request, "select_choice",
			"{\"choice\":\"A\"}");

	private volatile Function<String, float[]> embeddings = (text) -> new float[] { 1, 0 };

	private FakeOpenAiServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/chat/completions",
				(exchange) -> handle(exchange, this.chatRequests, (request) -> this.chatAnswer.apply(request)));
		this.server.createContext("/v1/embeddings",
				(exchange) -> handle(exchange, this.embeddingRequests, this::embeddingAnswer));
		this.server.start();
	}

	static FakeOpenAiServer start() {
		try {
			return new FakeOpenAiServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	OpenAiChatModel chatModel() {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(baseUrl())
				.apiKey(API_KEY)
				.model("gpt-4o-mini")
				.maxRetries(0)
				.timeout(Duration.ofSeconds(10))
				.build())
			.build();
	}

	OpenAiEmbeddingModel embeddingModel() {
		return new OpenAiEmbeddingModel(OpenAiEmbeddingOptions.builder()
			.baseUrl(baseUrl())
			.apiKey(API_KEY)
			.model("text-embedding-3-small")
			.maxRetries(0)
			.timeout(Duration.ofSeconds(10))
			.build());
	}

	/**
	 * Answer every chat request with a call of {@code select_choice} with these
	 * arguments.
	 */
	void answerWithSelectChoice(String arguments) {
		answerWithToolCall("select_choice", arguments);
	}

	void answerWithToolCall(String toolName, String arguments) {
		this.chatAnswer = (request) -> toolCallAnswer(request, toolName, arguments);
	}

	void answerWithText(String content) {
		this.chatAnswer = (request) -> {
			ObjectNode answer = toolCallAnswer(request, "unused", "{}");
			ObjectNode message = (ObjectNode) answer.get("choices").get(0).get("message");
			message.remove("tool_calls");
			message.put("content", content);
			return answer;
		};
	}

	void embedWith(Function<String, float[]> embeddings) {
		this.embeddings = embeddings;
	}

	List<JsonNode> chatRequests() {
		return this.chatRequests;
	}

	List<JsonNode> embeddingRequests() {
		return this.embeddingRequests;
	}

	private static ObjectNode toolCallAnswer(JsonNode request, String toolName, String arguments) {
		ObjectNode answer = JSON.createObjectNode();
		answer.put("id", "chatcmpl-AdiS4bHWjqSclA5rx7OkuZ6EA9QIp");
		answer.put("object", "chat.completion");
		answer.put("created", 1734029028);
		answer.put("model", request.path("model").asString("gpt-4o-mini") + "-2025-08-07");
		ObjectNode choice = answer.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.putNull("content");
		message.putNull("refusal");
		ObjectNode call = message.putArray("tool_calls").addObject();
		call.put("id", "call_JKoeGAX2zGPJAmF2muDgjpHp");
		call.put("type", "function");
		call.putObject("function").put("name", toolName).put("arguments", arguments);
		message.putArray("annotations");
		choice.putNull("logprobs");
		// a forced named tool choice finishes with "stop", as in the recorded answer
		choice.put("finish_reason", "stop");
		ObjectNode usage = answer.putObject("usage");
		usage.put("prompt_tokens", 404);
		usage.put("completion_tokens", 149);
		usage.put("total_tokens", 553);
		usage.putObject("prompt_tokens_details").put("audio_tokens", 0).put("cached_tokens", 0);
		usage.putObject("completion_tokens_details")
			.put("accepted_prediction_tokens", 0)
			.put("audio_tokens", 0)
			.put("reasoning_tokens", 0)
			.put("rejected_prediction_tokens", 0);
		answer.put("service_tier", "default");
		answer.put("system_fingerprint", "fp_cc5cf1c6e3");
		return answer;
	}

	private ObjectNode embeddingAnswer(JsonNode request) {
		JsonNode input = request.get("input");
		List<String> texts = input.isArray() ? input.valueStream().map(JsonNode::stringValue).toList()
				: List.of(input.stringValue());
		boolean base64 = "base64".equals(request.path("encoding_format").asString(""));
		ObjectNode answer = JSON.createObjectNode();
		answer.put("object", "list");
		ArrayNode data = answer.putArray("data");
		for (int i = 0; i < texts.size(); i++) {
			float[] vector = this.embeddings.apply(texts.get(i));
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", i);
			if (base64) {
				ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
				for (float f : vector) {
					buffer.putFloat(f);
				}
				item.put("embedding", Base64.getEncoder().encodeToString(buffer.array()));
			}
			else {
				ArrayNode values = item.putArray("embedding");
				for (float f : vector) {
					values.add(f);
				}
			}
		}
		answer.put("model", request.path("model").asString(""));
		answer.putObject("usage").put("prompt_tokens", 8).put("total_tokens", 8);
		return answer;
	}

	private static void handle(HttpExchange exchange, List<JsonNode> requests, Function<JsonNode, ObjectNode> answer)
			throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, "{\"error\":{\"message\":\"method not allowed\"}}");
				return;
			}
			if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				respond(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\","
						+ "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
				return;
			}
			JsonNode request;
			try (InputStream body = exchange.getRequestBody()) {
				request = JSON.readTree(body);
			}
			requests.add(request);
			respond(exchange, 200, JSON.writeValueAsString(answer.apply(request)));
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

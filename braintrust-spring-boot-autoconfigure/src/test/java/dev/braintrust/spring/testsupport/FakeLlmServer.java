package dev.braintrust.spring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake LLM provider: a real HTTP server on 127.0.0.1 that answers like OpenAI
 * ({@code POST /v1/chat/completions}) and Anthropic ({@code POST /v1/messages}), as JSON
 * or as a server-sent event stream, with the response shapes, headers, ids, dated model
 * snapshots and {@code usage} blocks of real recorded responses.
 * <p>
 * What it says is deterministic: known questions get the answer a real model gives ("What
 * is the capital of France?" gets "The capital of France is Paris."), "Count from 1 to
 * 10" gets the numbers, anything else an echo. A request that offers tools gets a call to
 * the best-matching tool with arguments built from the tool's JSON schema and the user's
 * message; once the tool results come back, it answers in text. Prompt caching, reasoning
 * tokens and {@code max_tokens} truncation are simulated the way the APIs report them.
 * <p>
 * Tests steer it with {@link #failNext(int)}, {@link #breakNextStreamAfter(int)},
 * {@link #chunkDelay(Duration)}, {@link #nextToolCallArguments(Map)},
 * {@link #enumChoice(String, String)} and {@link #answer(String, String)}, and inspect
 * {@link #requests()}. One server can be shared by a test class; {@link #reset()} clears
 * the hooks between tests.
 *
 * <pre class="code">
 * try (FakeLlmServer server = FakeLlmServer.start()) {
 *     OpenAiChatOptions options = OpenAiChatOptions.builder()
 *         .baseUrl(server.openAiBaseUrl()).apiKey("test-key").model("gpt-4o-mini").build();
 *     ...
 * }
 * </pre>
 */
public final class FakeLlmServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String REQUEST = FakeLlmServer.class.getName() + ".request";

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Deque<Integer> failures = new ConcurrentLinkedDeque<>();

	private final Deque<Integer> streamBreaks = new ConcurrentLinkedDeque<>();

	private final Deque<JsonNode> toolArguments = new ConcurrentLinkedDeque<>();

	private final Map<String, String> enumChoices = new ConcurrentHashMap<>();

	private final Map<String, String> answers = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Set<String> cachedPrefixes = ConcurrentHashMap.newKeySet();

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicInteger abortedStreams = new AtomicInteger();

	private final AtomicInteger completedStreams = new AtomicInteger();

	private volatile Duration chunkDelay = Duration.ZERO;

	private FakeLlmServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start a server on a free port of 127.0.0.1.
	 * @return the running server
	 */
	public static FakeLlmServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			AtomicInteger threads = new AtomicInteger();
			ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
				Thread thread = new Thread(runnable, "fake-llm-server-" + threads.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			server.setExecutor(executor);
			FakeLlmServer fake = new FakeLlmServer(server, executor);
			server.createContext("/", fake::handle);
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake LLM server", ex);
		}
	}

	/**
	 * The server's root URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The base URL an OpenAI client uses.
	 * @return {@code http://127.0.0.1:<port>/v1}
	 */
	public String openAiBaseUrl() {
		return baseUrl() + "/v1";
	}

	/**
	 * The base URL an Anthropic client uses (it appends {@code /v1/messages} itself).
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String anthropicBaseUrl() {
		return baseUrl();
	}

	/**
	 * Answer the next request with an error of the provider's shape.
	 * @param status 429, 500, 503, 529 or any other error status
	 * @return this server
	 */
	public FakeLlmServer failNext(int status) {
		return failNext(status, 1);
	}

	/**
	 * Answer the next requests with errors of the provider's shape.
	 * @param status the status
	 * @param times how many requests fail
	 * @return this server
	 */
	public FakeLlmServer failNext(int status, int times) {
		for (int i = 0; i < times; i++) {
			this.failures.add(status);
		}
		return this;
	}

	/**
	 * Cut the connection of the next streamed response after some events, as a dropped
	 * connection does.
	 * @param events how many events are sent before the cut
	 * @return this server
	 */
	public FakeLlmServer breakNextStreamAfter(int events) {
		this.streamBreaks.add(events);
		return this;
	}

	/**
	 * Wait between the events of streamed responses, for tests that cancel a stream
	 * half-way.
	 * @param delay the pause before each event after the first
	 * @return this server
	 */
	public FakeLlmServer chunkDelay(Duration delay) {
		this.chunkDelay = delay;
		return this;
	}

	/**
	 * Use these arguments for the next tool call instead of generating them.
	 * @param arguments the arguments object
	 * @return this server
	 */
	public FakeLlmServer nextToolCallArguments(Map<String, ?> arguments) {
		this.toolArguments.add(JSON.valueToTree(arguments));
		return this;
	}

	/**
	 * The value generated tool arguments take for an enum property of this name, when the
	 * enum allows it (otherwise the first value is used), e.g.
	 * {@code enumChoice("choice", "B")} for an LLM judge's {@code select_choice} tool.
	 * @param property the property name
	 * @param value the value
	 * @return this server
	 */
	public FakeLlmServer enumChoice(String property, String value) {
		this.enumChoices.put(property, value);
		return this;
	}

	/**
	 * Answer user messages containing a text (case-insensitive) with a fixed answer.
	 * @param questionFragment the text to look for
	 * @param answer the answer
	 * @return this server
	 */
	public FakeLlmServer answer(String questionFragment, String answer) {
		this.answers.put(questionFragment, answer);
		return this;
	}

	/**
	 * The requests received so far, in order.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests received on a path.
	 * @param path e.g. {@code /v1/messages}
	 * @return the requests, in order
	 */
	public List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/**
	 * How many streamed responses ended because the client went away.
	 * @return the count
	 */
	public int abortedStreams() {
		return this.abortedStreams.get();
	}

	/**
	 * How many streamed responses were written to the end.
	 * @return the count
	 */
	public int completedStreams() {
		return this.completedStreams.get();
	}

	/**
	 * Forget recorded requests, the prompt cache and every hook.
	 */
	public void reset() {
		this.requests.clear();
		this.failures.clear();
		this.streamBreaks.clear();
		this.toolArguments.clear();
		this.enumChoices.clear();
		this.answers.clear();
		this.cachedPrefixes.clear();
		this.abortedStreams.set(0);
		this.completedStreams.set(0);
		this.chunkDelay = Duration.ZERO;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = readBody(exchange.getRequestBody());
		String path = exchange.getRequestURI().getPath();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		exchange.setAttribute(REQUEST, new PendingRequest(exchange.getRequestMethod(), path, headers, body));
		try {
			dispatch(exchange, path, headers, body);
		}
		catch (BrokenStream ex) {
			// Leaving the exchange open and throwing makes the JDK server close the
			// socket
			// without the final chunk: the client sees a dropped connection.
			throw ex;
		}
		catch (RuntimeException ex) {
			sendJson(exchange, 500, NODES.objectNode().put("error", "fake server failure: " + ex));
		}
		exchange.close();
	}

	/**
	 * Record the request before the response goes out, so a client never sees an answer
	 * it cannot find.
	 */
	private void record(HttpExchange exchange, int status, String response) {
		PendingRequest request = (PendingRequest) exchange.getAttribute(REQUEST);
		if (request != null) {
			this.requests.add(new RecordedRequest(request.method(), request.path(), request.headers(), request.body(),
					status, response));
		}
	}

	private int dispatch(HttpExchange exchange, String path, Map<String, List<String>> headers, String body)
			throws IOException {
		boolean anthropic = path.equals("/v1/messages");
		boolean openAi = path.equals("/v1/chat/completions");
		if (!anthropic && !openAi) {
			return sendError(exchange, openAi, 404, "not_found_error", "Unknown path " + path, null);
		}
		if (!exchange.getRequestMethod().equals("POST")) {
			return sendError(exchange, openAi, 405, "invalid_request_error", "Method not allowed", null);
		}
		if (openAi && !headers.getOrDefault("authorization", List.of("")).get(0).startsWith("Bearer ")) {
			return sendError(exchange, true, 401, "invalid_request_error",
					"You didn't provide an API key. You need to provide your API key in an Authorization header "
							+ "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
					null);
		}
		if (anthropic && !headers.containsKey("x-api-key")) {
			return sendError(exchange, false, 401, "authentication_error", "x-api-key header is required", null);
		}
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return sendError(exchange, openAi, 400, "invalid_request_error",
					"We could not parse the JSON body of your request.", null);
		}
		String missing = openAi ? missing(request, "model", "messages")
				: missing(request, "model", "max_tokens", "messages");
		if (missing != null) {
			return sendError(exchange, openAi, 400, "invalid_request_error",
					openAi ? "Missing required parameter: '" + missing + "'." : missing + ": Field required", missing);
		}
		Integer failure = this.failures.poll();
		if (failure != null) {
			return sendFailure(exchange, openAi, failure, request.path("model").asString(""));
		}
		return openAi ? chatCompletion(exchange, request) : messages(exchange, request);
	}

	private int chatCompletion(HttpExchange exchange, JsonNode request) throws IOException {
		long number = this.sequence.incrementAndGet();
		Random random = new Random(number);
		Conversation conversation = Conversation.fromOpenAi(request);
		Conversation.Dangling dangling = conversation.danglingToolCall();
		if (dangling != null) {
			return sendError(exchange, true, 400, "invalid_request_error",
					"An assistant message with 'tool_calls' must be followed by tool messages responding to each "
							+ "'tool_call_id'. The following tool_call_ids did not have response messages: "
							+ dangling.toolCallId(),
					"messages");
		}
		Reply reply = model().reply(conversation, () -> "call_" + randomString(random, 24), false);
		int cached = openAiCachedTokens(conversation);
		Reply.Usage usage = OpenAiWire.usage(conversation, reply, cached);
		OpenAiWire wire = new OpenAiWire("chatcmpl-" + randomString(random, 29), conversation.model(),
				"fp_" + randomHex(random, 10), Instant.now().getEpochSecond());
		openAiHeaders(exchange, random, usage);
		if (request.path("stream").asBoolean(false)) {
			return stream(exchange, wire.stream(reply, usage, request));
		}
		return sendJson(exchange, 200, wire.completion(reply, usage));
	}

	private int messages(HttpExchange exchange, JsonNode request) throws IOException {
		long number = this.sequence.incrementAndGet();
		Random random = new Random(number);
		Conversation conversation = Conversation.fromAnthropic(request);
		Conversation.Dangling dangling = conversation.danglingToolCall();
		if (dangling != null) {
			return sendError(exchange, false, 400, "invalid_request_error", "messages." + (dangling.turn() + 1)
					+ ": `tool_use` ids were found without `tool_result` blocks immediately after: "
					+ dangling.toolCallId()
					+ ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
					null);
		}
		Reply reply = model().reply(conversation, () -> "toolu_01" + randomString(random, 22), true);
		String prefix = AnthropicWire.cachedPrefix(request);
		int prefixTokens = TokenEstimator.count(prefix);
		int minimum = conversation.model().contains("haiku") ? 2048 : 1024;
		boolean cacheable = !prefix.isEmpty() && prefixTokens >= minimum;
		boolean cacheHit = cacheable && !this.cachedPrefixes.add("anthropic:" + prefix);
		Reply.Usage usage = AnthropicWire.usage(conversation, reply, cacheable ? prefixTokens : 0, cacheHit);
		AnthropicWire wire = new AnthropicWire("msg_01" + randomString(random, 22), conversation.model());
		anthropicHeaders(exchange, random);
		if (request.path("stream").asBoolean(false)) {
			return stream(exchange, wire.stream(reply, usage));
		}
		return sendJson(exchange, 200, wire.message(reply, usage));
	}

	/**
	 * OpenAI caches prompts of 1024 tokens or more automatically, in 128-token steps,
	 * when an earlier request started with the same messages.
	 */
	private int openAiCachedTokens(Conversation conversation) {
		String[] lines = conversation.promptText().split("\n");
		List<String> prefixes = new ArrayList<>();
		StringBuilder prefix = new StringBuilder();
		for (String line : lines) {
			prefix.append(line).append('\n');
			prefixes.add(prefix.toString());
		}
		int cachedTokens = 0;
		for (int i = prefixes.size() - 1; i >= 0; i--) {
			if (this.cachedPrefixes.contains("openai:" + prefixes.get(i))) {
				cachedTokens = TokenEstimator.count(prefixes.get(i)) + 4 * (i + 1);
				break;
			}
		}
		prefixes.forEach((seen) -> this.cachedPrefixes.add("openai:" + seen));
		return (cachedTokens >= 1024) ? 1024 + 128 * ((cachedTokens - 1024) / 128) : 0;
	}

	private FakeModel model() {
		Map<String, String> extra;
		synchronized (this.answers) {
			extra = new LinkedHashMap<>(this.answers);
		}
		return new FakeModel(extra, Map.copyOf(this.enumChoices), this.toolArguments::poll);
	}

	private int stream(HttpExchange exchange, List<String> events) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		Integer breakAfter = this.streamBreaks.poll();
		record(exchange, 200, String.join("",
				(breakAfter != null) ? events.subList(0, Math.min(breakAfter, events.size())) : events));
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		try {
			for (int i = 0; i < events.size(); i++) {
				if (breakAfter != null && i == breakAfter) {
					this.abortedStreams.incrementAndGet();
					throw new BrokenStream();
				}
				if (i > 0 && !this.chunkDelay.isZero()) {
					pause(this.chunkDelay);
				}
				out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			out.close();
			this.completedStreams.incrementAndGet();
		}
		catch (IOException ex) {
			this.abortedStreams.incrementAndGet();
		}
		return 200;
	}

	private int sendFailure(HttpExchange exchange, boolean openAi, int status, String model) throws IOException {
		if (status == 429) {
			exchange.getResponseHeaders().set("retry-after", "20");
			return sendError(exchange, openAi, 429, openAi ? "requests" : "rate_limit_error",
					openAi ? "Rate limit reached for " + model + " in organization org-fake on requests per min "
							+ "(RPM): Limit 3, Used 3, Requested 1. Please try again in 20s."
							: "This request would exceed the rate limit for your organization of 50 requests per "
									+ "minute. Please try again later.",
					openAi ? "rate_limit_exceeded" : null);
		}
		if (status == 529) {
			return sendError(exchange, openAi, 529, "overloaded_error", "Overloaded", null);
		}
		if (status == 503) {
			return sendError(exchange, openAi, 503, openAi ? "server_error" : "api_error",
					"The engine is currently overloaded, please try again later.", null);
		}
		if (status >= 500) {
			return sendError(exchange, openAi, status, openAi ? "server_error" : "api_error",
					openAi ? "The server had an error while processing your request. Sorry about that!"
							: "Internal server error",
					null);
		}
		return sendError(exchange, openAi, status, "invalid_request_error", "Request failed with status " + status,
				null);
	}

	private int sendError(HttpExchange exchange, boolean openAi, int status, String type, String message,
			@Nullable String codeOrParam) throws IOException {
		ObjectNode body = NODES.objectNode();
		if (openAi) {
			ObjectNode error = body.putObject("error");
			error.put("message", message);
			error.put("type", type);
			if (status == 400 && codeOrParam != null) {
				error.put("param", codeOrParam);
				error.put("code", "missing_required_parameter");
			}
			else {
				error.putNull("param");
				if (codeOrParam != null) {
					error.put("code", codeOrParam);
				}
				else {
					error.putNull("code");
				}
			}
		}
		else {
			body.put("type", "error");
			body.putObject("error").put("type", type).put("message", message);
			body.put("request_id", "req_011CV" + randomString(new Random(this.sequence.incrementAndGet()), 19));
		}
		return sendJson(exchange, status, body);
	}

	private int sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
		record(exchange, status, body.toString());
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		return status;
	}

	private static void openAiHeaders(HttpExchange exchange, Random random, Reply.Usage usage) {
		var headers = exchange.getResponseHeaders();
		headers.set("x-request-id", "req_" + randomHex(random, 32));
		headers.set("openai-organization", "user-fake");
		headers.set("openai-processing-ms", Integer.toString(200 + random.nextInt(400)));
		headers.set("openai-version", "2020-10-01");
		headers.set("x-ratelimit-limit-requests", "30000");
		headers.set("x-ratelimit-remaining-requests", "29999");
		headers.set("x-ratelimit-reset-requests", "2ms");
		headers.set("x-ratelimit-limit-tokens", "150000000");
		headers.set("x-ratelimit-remaining-tokens", Integer.toString(150000000 - usage.totalTokens()));
		headers.set("x-ratelimit-reset-tokens", "0s");
	}

	private static void anthropicHeaders(HttpExchange exchange, Random random) {
		var headers = exchange.getResponseHeaders();
		String reset = Instant.now().plusSeconds(1).toString();
		headers.set("request-id", "req_011CV" + randomString(random, 19));
		headers.set("anthropic-organization-id", "5f8c1b2e-0000-4000-8000-" + randomHex(random, 12));
		headers.set("anthropic-ratelimit-requests-limit", "4000");
		headers.set("anthropic-ratelimit-requests-remaining", "3999");
		headers.set("anthropic-ratelimit-requests-reset", reset);
		headers.set("anthropic-ratelimit-tokens-limit", "2000000");
		headers.set("anthropic-ratelimit-tokens-remaining", "1999000");
		headers.set("anthropic-ratelimit-tokens-reset", reset);
		headers.set("anthropic-ratelimit-input-tokens-limit", "1600000");
		headers.set("anthropic-ratelimit-input-tokens-remaining", "1599000");
		headers.set("anthropic-ratelimit-input-tokens-reset", reset);
		headers.set("anthropic-ratelimit-output-tokens-limit", "400000");
		headers.set("anthropic-ratelimit-output-tokens-remaining", "400000");
		headers.set("anthropic-ratelimit-output-tokens-reset", reset);
	}

	private static @Nullable String missing(JsonNode request, String... fields) {
		for (String field : fields) {
			if (!request.hasNonNull(field)) {
				return field;
			}
		}
		return null;
	}

	private static String readBody(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static String randomString(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}

	private static String randomHex(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(Character.forDigit(random.nextInt(16), 16));
		}
		return text.toString();
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What arrived, until the answer is known. */
	private record PendingRequest(String method, String path, Map<String, List<String>> headers, String body) {
	}

	/** Thrown to end a stream early on purpose. */
	private static final class BrokenStream extends RuntimeException {

		BrokenStream() {
			super(null, null, false, false);
		}

	}

}

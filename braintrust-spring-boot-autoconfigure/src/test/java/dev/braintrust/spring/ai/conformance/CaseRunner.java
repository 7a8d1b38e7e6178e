package dev.braintrust.spring.ai.conformance;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolChoiceAuto;
import com.anthropic.models.messages.ToolChoiceNone;
import com.anthropic.models.messages.ToolChoiceTool;
import dev.braintrust.spring.ai.BraintrustChatClientAdvisor;
import dev.braintrust.spring.ai.BraintrustToolCallAdvisor;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.testsupport.FakeLlmServer;
import dev.braintrust.spring.testsupport.InMemoryLogExporter;
import dev.braintrust.spring.testsupport.SpringAiTestModels;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.anthropic.AnthropicCacheOptions;
import org.springframework.ai.anthropic.AnthropicCacheStrategy;
import org.springframework.ai.anthropic.AnthropicCacheTtl;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.MimeType;

/**
 * Runs a conformance case the way an application would: each raw provider request becomes
 * a {@code ChatClient} call on Spring AI's own OpenAI or Anthropic chat model (the case's
 * {@code endpoint} decides), with the Braintrust advisors, inside a root span named after
 * the case, against the fake provider server. Multi-turn cases keep a history: each
 * request's messages are appended to it and each answer is appended after the call. Tools
 * are declared but not executed (Spring AI's tool loop is off), since each request is one
 * model call. A request field this runner cannot express through Spring AI fails the
 * case.
 */
final class CaseRunner {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> OPENAI_FIELDS = Set.of("model", "messages", "temperature", "max_tokens",
			"max_completion_tokens", "top_p", "frequency_penalty", "presence_penalty", "stop", "n", "seed", "user",
			"stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls", "reasoning_effort", "store",
			"metadata", "service_tier", "logprobs", "top_logprobs");

	private static final Set<String> ANTHROPIC_FIELDS = Set.of("model", "messages", "system", "max_tokens",
			"temperature", "top_p", "top_k", "stop_sequences", "stream", "tools", "tool_choice");

	private final FakeLlmServer server;

	CaseRunner(FakeLlmServer server) {
		this.server = server;
	}

	/**
	 * Run a case.
	 * @param conformanceCase the case
	 * @return the rows it produced
	 */
	Result run(ConformanceCase conformanceCase) {
		boolean openAi = switch (conformanceCase.endpoint()) {
			case "/v1/chat/completions" -> true;
			case "/v1/messages" -> false;
			default -> throw new CaseNotRunnableException("endpoint '" + conformanceCase.endpoint()
					+ "' is not supported: this runner drives /v1/chat/completions and /v1/messages");
		};
		InMemoryLogExporter exporter = new InMemoryLogExporter();
		try (BraintrustLogger logger = InMemoryLogExporter.logger(exporter)) {
			ChatModel model = openAi
					? OpenAiChatModel.builder()
						.options(SpringAiTestModels.openAiOptions(this.server).build())
						.observationRegistry(ObservationRegistry.NOOP)
						.build()
					: org.springframework.ai.anthropic.AnthropicChatModel.builder()
						.options(SpringAiTestModels.anthropicOptions(this.server).build())
						.observationRegistry(ObservationRegistry.NOOP)
						.build();
			ChatClient client = ChatClient.builder(model)
				.defaultAdvisors(BraintrustToolCallAdvisor.builder(logger).build(),
						BraintrustChatClientAdvisor.builder(logger).build())
				.build();
			List<Boolean> streamed = new ArrayList<>();
			logger.traced(conformanceCase.name(), (root) -> {
				List<Message> history = new ArrayList<>();
				for (Map<String, Object> request : conformanceCase.requests()) {
					Turn turn = openAi ? openAiTurn(request) : anthropicTurn(request);
					if (!openAi) {
						// Anthropic's system prompt is a request parameter, not a message
						history.removeIf((message) -> message instanceof SystemMessage);
					}
					history.addAll(turn.messages());
					boolean stream = Boolean.TRUE.equals(request.get("stream"));
					streamed.add(stream);
					history.add(call(client, history, turn, stream, openAi));
				}
				return null;
			});
			logger.flush();
			ObjectNode root = exporter.span(conformanceCase.name())
				.orElseThrow(() -> new AssertionError("no root span named " + conformanceCase.name()));
			return new Result(root, exporter.spans("llm"), exporter.spans(), streamed);
		}
	}

	private static AssistantMessage call(ChatClient client, List<Message> history, Turn turn, boolean stream,
			boolean openAi) {
		ChatClient.ChatClientRequestSpec spec = client.prompt()
			.messages(new ArrayList<>(history))
			.options(turn.options())
			.advisors(AdvisorParams.toolCallingAdvisorAutoRegister(false));
		if (!turn.tools().isEmpty()) {
			spec.toolCallbacks(turn.tools());
		}
		if (!stream) {
			ChatResponse response = spec.call().chatResponse();
			return answer((response != null) ? response.getResults() : List.of(), openAi);
		}
		StringBuilder text = new StringBuilder();
		List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
		List<ChatResponse> chunks = spec.stream().chatResponse().collectList().block();
		for (ChatResponse chunk : (chunks != null) ? chunks : List.<ChatResponse>of()) {
			for (Generation generation : chunk.getResults()) {
				if (Boolean.TRUE.equals(generation.getOutput().getMetadata().get("thinking"))) {
					continue;
				}
				if (generation.getOutput().getText() != null) {
					text.append(generation.getOutput().getText());
				}
				toolCalls.addAll(generation.getOutput().getToolCalls());
			}
		}
		return AssistantMessage.builder().content(text.toString()).toolCalls(toolCalls).build();
	}

	/**
	 * The answer appended to the history: OpenAI's first choice, Anthropic's final
	 * message.
	 */
	private static AssistantMessage answer(List<Generation> generations, boolean openAi) {
		if (generations.isEmpty()) {
			return new AssistantMessage("");
		}
		AssistantMessage message = (openAi ? generations.get(0) : generations.get(generations.size() - 1)).getOutput();
		return AssistantMessage.builder()
			.content((message.getText() != null) ? message.getText() : "")
			.toolCalls(message.getToolCalls())
			.build();
	}

	private Turn openAiTurn(Map<String, Object> request) {
		unsupported(request, OPENAI_FIELDS, "OpenAI");
		OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
		options.model(text(request, "model"));
		ifNumber(request, "temperature", (value) -> options.temperature(value.doubleValue()));
		ifNumber(request, "max_tokens", (value) -> options.maxTokens(value.intValue()));
		ifNumber(request, "max_completion_tokens", (value) -> options.maxCompletionTokens(value.intValue()));
		ifNumber(request, "top_p", (value) -> options.topP(value.doubleValue()));
		ifNumber(request, "frequency_penalty", (value) -> options.frequencyPenalty(value.doubleValue()));
		ifNumber(request, "presence_penalty", (value) -> options.presencePenalty(value.doubleValue()));
		ifNumber(request, "n", (value) -> options.n(value.intValue()));
		ifNumber(request, "seed", (value) -> options.seed(value.intValue()));
		ifNumber(request, "top_logprobs", (value) -> options.topLogprobs(value.intValue()));
		if (request.get("stop") instanceof String stop) {
			options.stop(List.of(stop));
		}
		else if (request.get("stop") instanceof List<?> stop) {
			options.stop(stop.stream().map(String::valueOf).toList());
		}
		if (request.get("user") instanceof String user) {
			options.user(user);
		}
		if (request.get("reasoning_effort") instanceof String effort) {
			options.reasoningEffort(effort);
		}
		if (request.get("service_tier") instanceof String tier) {
			options.serviceTier(tier);
		}
		if (request.get("parallel_tool_calls") instanceof Boolean parallel) {
			options.parallelToolCalls(parallel);
		}
		if (request.get("store") instanceof Boolean store) {
			options.store(store);
		}
		if (request.get("logprobs") instanceof Boolean logprobs) {
			options.logprobs(logprobs);
		}
		if (request.get("metadata") instanceof Map<?, ?> metadata) {
			Map<String, String> values = new LinkedHashMap<>();
			metadata.forEach((key, value) -> values.put(String.valueOf(key), String.valueOf(value)));
			options.metadata(values);
		}
		if (request.get("stream_options") instanceof Map<?, ?> streamOptions) {
			unsupported(streamOptions, Set.of("include_usage"), "OpenAI stream_options");
			options.streamUsage(Boolean.TRUE.equals(streamOptions.get("include_usage")));
		}
		Object toolChoice = request.get("tool_choice");
		if (toolChoice instanceof String choice) {
			options.toolChoice(choice);
		}
		else if (toolChoice instanceof Map<?, ?> choice) {
			options.toolChoice(JSON.writeValueAsString(choice));
		}
		List<ToolCallback> tools = new ArrayList<>();
		if (request.get("tools") instanceof List<?> list) {
			for (Object item : list) {
				Map<?, ?> tool = map(item, "tools[]");
				if (!"function".equals(tool.get("type"))) {
					throw new CaseNotRunnableException("OpenAI tool type '" + tool.get("type") + "' is not supported");
				}
				Map<?, ?> function = map(tool.get("function"), "tools[].function");
				tools.add(new DeclaredTool(
						definition(function.get("name"), function.get("description"), function.get("parameters"))));
			}
		}
		List<Message> messages = new ArrayList<>();
		List<ToolResponseMessage.ToolResponse> pendingToolResults = new ArrayList<>();
		for (Object item : list(request.get("messages"), "messages")) {
			Map<?, ?> message = map(item, "messages[]");
			String role = String.valueOf(message.get("role"));
			if (!role.equals("tool") && !pendingToolResults.isEmpty()) {
				messages.add(ToolResponseMessage.builder().responses(new ArrayList<>(pendingToolResults)).build());
				pendingToolResults.clear();
			}
			switch (role) {
				case "system", "developer" -> messages.add(new SystemMessage(openAiText(message.get("content"))));
				case "user" -> messages.add(openAiUser(message.get("content")));
				case "assistant" -> messages.add(openAiAssistant(message));
				case "tool" -> pendingToolResults
					.add(new ToolResponseMessage.ToolResponse(String.valueOf(message.get("tool_call_id")),
							Objects.toString(message.get("name"), ""), openAiText(message.get("content"))));
				default -> throw new CaseNotRunnableException("OpenAI message role '" + role + "' is not supported");
			}
		}
		if (!pendingToolResults.isEmpty()) {
			messages.add(ToolResponseMessage.builder().responses(pendingToolResults).build());
		}
		return new Turn(messages, options, tools);
	}

	private Turn anthropicTurn(Map<String, Object> request) {
		unsupported(request, ANTHROPIC_FIELDS, "Anthropic");
		AnthropicChatOptions.Builder options = AnthropicChatOptions.builder();
		options.model(text(request, "model"));
		ifNumber(request, "max_tokens", (value) -> options.maxTokens(value.intValue()));
		ifNumber(request, "temperature", (value) -> options.temperature(value.doubleValue()));
		ifNumber(request, "top_p", (value) -> options.topP(value.doubleValue()));
		ifNumber(request, "top_k", (value) -> options.topK(value.intValue()));
		if (request.get("stop_sequences") instanceof List<?> stop) {
			options.stopSequences(stop.stream().map(String::valueOf).toList());
		}
		if (request.get("tool_choice") instanceof Map<?, ?> choice) {
			options.toolChoice(anthropicToolChoice(choice));
		}
		List<ToolCallback> tools = new ArrayList<>();
		if (request.get("tools") instanceof List<?> list) {
			for (Object item : list) {
				Map<?, ?> tool = map(item, "tools[]");
				if (tool.containsKey("type") && !"custom".equals(tool.get("type"))) {
					throw new CaseNotRunnableException(
							"Anthropic tool type '" + tool.get("type") + "' is not supported");
				}
				if (tool.containsKey("cache_control")) {
					throw new CaseNotRunnableException("cache_control on Anthropic tools is not supported");
				}
				tools.add(new DeclaredTool(
						definition(tool.get("name"), tool.get("description"), tool.get("input_schema"))));
			}
		}
		List<Message> messages = new ArrayList<>();
		Object system = request.get("system");
		if (system instanceof String text) {
			messages.add(new SystemMessage(text));
		}
		else if (system instanceof List<?> blocks) {
			List<String> texts = new ArrayList<>();
			AnthropicCacheTtl ttl = null;
			for (Object block : blocks) {
				Map<?, ?> map = map(block, "system[]");
				if (!"text".equals(map.get("type"))) {
					throw new CaseNotRunnableException("Anthropic system block type '" + map.get("type") + "'");
				}
				texts.add(String.valueOf(map.get("text")));
				if (map.get("cache_control") instanceof Map<?, ?> cacheControl) {
					ttl = "1h".equals(cacheControl.get("ttl")) ? AnthropicCacheTtl.ONE_HOUR
							: AnthropicCacheTtl.FIVE_MINUTES;
				}
			}
			messages.add(new SystemMessage(String.join("\n\n", texts)));
			if (ttl != null) {
				options.cacheOptions(AnthropicCacheOptions.builder()
					.strategy(AnthropicCacheStrategy.SYSTEM_ONLY)
					.messageTypeTtl(MessageType.SYSTEM, ttl)
					.build());
			}
		}
		else if (system != null) {
			throw new CaseNotRunnableException("Anthropic 'system' must be a string or a list of text blocks");
		}
		for (Object item : list(request.get("messages"), "messages")) {
			Map<?, ?> message = map(item, "messages[]");
			String role = String.valueOf(message.get("role"));
			Object content = message.get("content");
			if (content instanceof String text) {
				messages.add(role.equals("assistant") ? new AssistantMessage(text) : new UserMessage(text));
				continue;
			}
			StringBuilder text = new StringBuilder();
			List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
			List<ToolResponseMessage.ToolResponse> toolResults = new ArrayList<>();
			List<Media> media = new ArrayList<>();
			for (Object blockItem : list(content, "messages[].content")) {
				Map<?, ?> block = map(blockItem, "content[]");
				if (block.containsKey("cache_control")) {
					throw new CaseNotRunnableException("cache_control on Anthropic messages is not supported");
				}
				switch (String.valueOf(block.get("type"))) {
					case "text" -> text.append(block.get("text"));
					case "tool_use" ->
						toolCalls.add(new AssistantMessage.ToolCall(String.valueOf(block.get("id")), "function",
								String.valueOf(block.get("name")), JSON.writeValueAsString(block.get("input"))));
					case "tool_result" ->
						toolResults.add(new ToolResponseMessage.ToolResponse(String.valueOf(block.get("tool_use_id")),
								"", anthropicText(block.get("content"))));
					case "image" -> media.add(anthropicImage(map(block.get("source"), "image source")));
					default -> throw new CaseNotRunnableException(
							"Anthropic content block type '" + block.get("type") + "' is not supported");
				}
			}
			if (role.equals("assistant")) {
				messages.add(AssistantMessage.builder().content(text.toString()).toolCalls(toolCalls).build());
			}
			else if (!toolResults.isEmpty()) {
				messages.add(ToolResponseMessage.builder().responses(toolResults).build());
			}
			else {
				messages.add(UserMessage.builder().text(text.toString()).media(media).build());
			}
		}
		return new Turn(messages, options, tools);
	}

	private static ToolChoice anthropicToolChoice(Map<?, ?> choice) {
		return switch (String.valueOf(choice.get("type"))) {
			case "auto" -> ToolChoice.ofAuto(ToolChoiceAuto.builder().build());
			case "any" -> ToolChoice.ofAny(ToolChoiceAny.builder().build());
			case "none" -> ToolChoice.ofNone(ToolChoiceNone.builder().build());
			case "tool" -> ToolChoice.ofTool(ToolChoiceTool.builder().name(String.valueOf(choice.get("name"))).build());
			default -> throw new CaseNotRunnableException("Anthropic tool_choice " + choice + " is not supported");
		};
	}

	private static Media anthropicImage(Map<?, ?> source) {
		if ("url".equals(source.get("type"))) {
			return Media.builder()
				.mimeType(MimeType.valueOf("image/png"))
				.data(URI.create(String.valueOf(source.get("url"))))
				.build();
		}
		if ("base64".equals(source.get("type"))) {
			return Media.builder()
				.mimeType(MimeType.valueOf(String.valueOf(source.get("media_type"))))
				.data(java.util.Base64.getDecoder().decode(String.valueOf(source.get("data"))))
				.build();
		}
		throw new CaseNotRunnableException("Anthropic image source " + source.get("type") + " is not supported");
	}

	private static UserMessage openAiUser(@Nullable Object content) {
		if (content instanceof String text) {
			return new UserMessage(text);
		}
		StringBuilder text = new StringBuilder();
		List<Media> media = new ArrayList<>();
		for (Object item : list(content, "user content")) {
			Map<?, ?> part = map(item, "content[]");
			switch (String.valueOf(part.get("type"))) {
				case "text" -> text.append(part.get("text"));
				case "image_url" -> {
					String url = String.valueOf(map(part.get("image_url"), "image_url").get("url"));
					media.add(Media.builder().mimeType(MimeType.valueOf(imageType(url))).data(URI.create(url)).build());
				}
				default -> throw new CaseNotRunnableException(
						"OpenAI content part type '" + part.get("type") + "' is not supported");
			}
		}
		return UserMessage.builder().text(text.toString()).media(media).build();
	}

	private static AssistantMessage openAiAssistant(Map<?, ?> message) {
		List<AssistantMessage.ToolCall> calls = new ArrayList<>();
		if (message.get("tool_calls") instanceof List<?> list) {
			for (Object item : list) {
				Map<?, ?> call = map(item, "tool_calls[]");
				Map<?, ?> function = map(call.get("function"), "tool_calls[].function");
				Object arguments = function.get("arguments");
				calls.add(new AssistantMessage.ToolCall(String.valueOf(call.get("id")), "function",
						String.valueOf(function.get("name")),
						(arguments instanceof String json) ? json : JSON.writeValueAsString(arguments)));
			}
		}
		Object content = message.get("content");
		return AssistantMessage.builder()
			.content((content != null) ? openAiText(content) : null)
			.toolCalls(calls)
			.build();
	}

	private static String openAiText(@Nullable Object content) {
		if (content == null || content instanceof String) {
			return (content != null) ? (String) content : "";
		}
		StringBuilder text = new StringBuilder();
		for (Object item : list(content, "content")) {
			Map<?, ?> part = map(item, "content[]");
			if (!"text".equals(part.get("type"))) {
				throw new CaseNotRunnableException("only text parts are supported here, found " + part.get("type"));
			}
			text.append(part.get("text"));
		}
		return text.toString();
	}

	private static String anthropicText(@Nullable Object content) {
		if (content == null || content instanceof String) {
			return (content != null) ? (String) content : "";
		}
		StringBuilder text = new StringBuilder();
		for (Object item : list(content, "tool_result content")) {
			text.append(map(item, "tool_result content[]").get("text"));
		}
		return text.toString();
	}

	private static ToolDefinition definition(@Nullable Object name, @Nullable Object description,
			@Nullable Object schema) {
		if (!(name instanceof String toolName)) {
			throw new CaseNotRunnableException("a tool without a name");
		}
		return DefaultToolDefinition.builder()
			.name(toolName)
			.description((description != null) ? description.toString() : "")
			.inputSchema((schema != null) ? JSON.writeValueAsString(schema) : "{\"type\":\"object\",\"properties\":{}}")
			.build();
	}

	private static String imageType(String url) {
		String lower = url.toLowerCase(java.util.Locale.ROOT);
		if (lower.startsWith("data:")) {
			return lower.substring(5, lower.indexOf(';') > 0 ? lower.indexOf(';') : lower.length());
		}
		return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg"
				: lower.endsWith(".gif") ? "image/gif" : lower.endsWith(".webp") ? "image/webp" : "image/png";
	}

	private static void unsupported(Map<?, ?> request, Set<String> supported, String what) {
		for (Object key : request.keySet()) {
			if (!supported.contains(String.valueOf(key))) {
				throw new CaseNotRunnableException(
						what + " request field '" + key + "' cannot be expressed through Spring AI by this runner");
			}
		}
	}

	private static void ifNumber(Map<String, Object> request, String key, java.util.function.Consumer<Number> action) {
		Object value = request.get(key);
		if (value instanceof Number number) {
			action.accept(number);
		}
		else if (value != null) {
			throw new CaseNotRunnableException("'" + key + "' must be a number, was " + value);
		}
	}

	private static String text(Map<String, Object> request, String key) {
		if (!(request.get(key) instanceof String value)) {
			throw new CaseNotRunnableException("request field '" + key + "' is required");
		}
		return value;
	}

	private static Map<?, ?> map(@Nullable Object value, String what) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new CaseNotRunnableException(what + " must be a mapping, was " + value);
		}
		return map;
	}

	private static List<?> list(@Nullable Object value, String what) {
		if (!(value instanceof List<?> list)) {
			throw new CaseNotRunnableException(what + " must be a list, was " + value);
		}
		return list;
	}

	/** One request as Spring AI sees it. */
	private record Turn(List<Message> messages, ChatOptions.Builder<?> options, List<ToolCallback> tools) {
	}

	/**
	 * The rows of a run.
	 *
	 * @param root the root span named after the case
	 * @param llmSpans the {@code llm} spans, in start order
	 * @param allSpans every span
	 * @param streamed whether each request streamed
	 */
	record Result(ObjectNode root, List<ObjectNode> llmSpans, List<ObjectNode> allSpans, List<Boolean> streamed) {
	}

	/** A tool declared to the model; the runner never executes it. */
	private record DeclaredTool(ToolDefinition definition) implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return this.definition;
		}

		@Override
		public String call(String toolInput) {
			throw new IllegalStateException("conformance requests declare tools but never execute them");
		}

	}

	/** A case this runner cannot express; it fails the case. */
	static final class CaseNotRunnableException extends RuntimeException {

		CaseNotRunnableException(String message) {
			super(message);
		}

	}

}

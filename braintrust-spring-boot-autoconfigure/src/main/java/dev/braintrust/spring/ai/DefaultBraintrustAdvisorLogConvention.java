package dev.braintrust.spring.ai;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.StringUtils;

/**
 * The default {@link BraintrustAdvisorLogConvention}, following Braintrust's cross-SDK
 * specification for LLM spans:
 * <ul>
 * <li>OpenAI calls are named {@code Chat Completion}; their input is the list of
 * chat-completion messages and their output the list of choices
 * ({@code index, finish_reason, message});</li>
 * <li>Anthropic calls are named {@code anthropic.messages.create} (or
 * {@code anthropic.messages.stream}); their input is the messages followed by
 * {@code {role: system, content}} and their output {@code {role: assistant, content:
 * [blocks], stop_reason}};</li>
 * <li>any other provider gets the OpenAI shapes and the name
 * {@code <provider>.chat};</li>
 * <li>metadata holds {@code model} (as the provider returned it), {@code provider}, the
 * request options and the tool definitions in OpenAI's shape;</li>
 * <li>token metrics are those the provider reported, never invented zeros. Anthropic's
 * {@code input_tokens} excludes cached tokens, so, as the other Braintrust SDKs do,
 * {@code prompt_tokens} adds the cache reads and writes back in.</li>
 * </ul>
 * Every mapping is a protected method, so a subclass can change one of them.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class DefaultBraintrustAdvisorLogConvention implements BraintrustAdvisorLogConvention {

	/** The provider name of OpenAI. */
	public static final String OPENAI = "openai";

	/** The provider name of Anthropic. */
	public static final String ANTHROPIC = "anthropic";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Spring AI model packages and the provider names Braintrust uses for them. */
	private static final Map<String, String> PACKAGE_PROVIDERS = new LinkedHashMap<>();

	static {
		PACKAGE_PROVIDERS.put("org.springframework.ai.openai.", OPENAI);
		PACKAGE_PROVIDERS.put("org.springframework.ai.azure.openai.", "azure");
		PACKAGE_PROVIDERS.put("org.springframework.ai.anthropic.", ANTHROPIC);
		PACKAGE_PROVIDERS.put("org.springframework.ai.ollama.", "ollama");
		PACKAGE_PROVIDERS.put("org.springframework.ai.mistralai.", "mistral");
		PACKAGE_PROVIDERS.put("org.springframework.ai.deepseek.", "deepseek");
		PACKAGE_PROVIDERS.put("org.springframework.ai.bedrock.", "bedrock");
		PACKAGE_PROVIDERS.put("org.springframework.ai.google.genai.", "google");
		PACKAGE_PROVIDERS.put("org.springframework.ai.vertexai.", "google");
		PACKAGE_PROVIDERS.put("org.springframework.ai.minimax.", "minimax");
		PACKAGE_PROVIDERS.put("org.springframework.ai.zhipuai.", "zhipuai");
		PACKAGE_PROVIDERS.put("org.springframework.ai.huggingface.", "huggingface");
		PACKAGE_PROVIDERS.put("org.springframework.ai.oci.", "oci");
	}

	/**
	 * Option getters found on some providers' option classes only, read when present
	 * (this module does not compile against the providers), and their request names.
	 */
	private static final Map<String, String> OPTIONAL_OPTIONS = new LinkedHashMap<>();

	static {
		OPTIONAL_OPTIONS.put("getMaxCompletionTokens", "max_completion_tokens");
		OPTIONAL_OPTIONS.put("getN", "n");
		OPTIONAL_OPTIONS.put("getSeed", "seed");
		OPTIONAL_OPTIONS.put("getReasoningEffort", "reasoning_effort");
		OPTIONAL_OPTIONS.put("getParallelToolCalls", "parallel_tool_calls");
		OPTIONAL_OPTIONS.put("getServiceTier", "service_tier");
		OPTIONAL_OPTIONS.put("getToolChoice", "tool_choice");
	}

	@Override
	public String provider(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		if (options != null) {
			String type = options.getClass().getName();
			for (Map.Entry<String, String> entry : PACKAGE_PROVIDERS.entrySet()) {
				if (type.startsWith(entry.getKey())) {
					return entry.getValue();
				}
			}
			String model = options.getModel();
			if (model != null) {
				String lower = model.toLowerCase(Locale.ROOT);
				if (lower.startsWith("gpt-") || lower.matches("^o\\d.*") || lower.startsWith("chatgpt")) {
					return OPENAI;
				}
				if (lower.startsWith("claude")) {
					return ANTHROPIC;
				}
				if (lower.startsWith("gemini")) {
					return "google";
				}
			}
		}
		return "spring-ai";
	}

	@Override
	public String spanName(BraintrustAdvisorLogContext context) {
		return switch (context.getProvider()) {
			case OPENAI -> "Chat Completion";
			case ANTHROPIC -> context.isStreaming() ? "anthropic.messages.stream" : "anthropic.messages.create";
			default -> context.getProvider() + ".chat";
		};
	}

	@Override
	public @Nullable Object input(BraintrustAdvisorLogContext context) {
		List<Message> messages = context.getPrompt().getInstructions();
		return isAnthropic(context) ? anthropicMessages(messages) : openAiMessages(messages);
	}

	@Override
	public @Nullable Object output(BraintrustAdvisorLogContext context) {
		ChatResponse response = context.getResponse();
		if (response == null) {
			return null;
		}
		return isAnthropic(context) ? anthropicOutput(response) : openAiChoices(response);
	}

	@Override
	public Map<String, Object> metadata(BraintrustAdvisorLogContext context) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		ChatOptions options = context.getPrompt().getOptions();
		String model = responseModel(context.getResponse());
		if (model == null && options != null) {
			model = options.getModel();
		}
		if (model != null) {
			metadata.put("model", model);
		}
		metadata.put("provider", context.getProvider());
		if (options != null) {
			requestOptions(options, isAnthropic(context), metadata);
		}
		if (context.isStreaming()) {
			metadata.put("stream", true);
		}
		List<Map<String, Object>> tools = tools(options);
		if (!tools.isEmpty()) {
			metadata.put("tools", tools);
		}
		return metadata;
	}

	@Override
	public Map<String, Number> metrics(BraintrustAdvisorLogContext context) {
		Map<String, Number> metrics = new LinkedHashMap<>();
		ChatResponse response = context.getResponse();
		Usage usage = (response != null) ? response.getMetadata().getUsage() : null;
		if (!isReported(usage)) {
			return metrics;
		}
		long prompt = orZero(usage.getPromptTokens());
		long completion = orZero(usage.getCompletionTokens());
		Long cacheRead = usage.getCacheReadInputTokens();
		Long cacheWrite = usage.getCacheWriteInputTokens();
		if (isAnthropic(context)) {
			long promptTotal = prompt + orZero(cacheRead) + orZero(cacheWrite);
			metrics.put("prompt_tokens", promptTotal);
			metrics.put("completion_tokens", completion);
			metrics.put("tokens", promptTotal + completion);
		}
		else {
			metrics.put("prompt_tokens", prompt);
			metrics.put("completion_tokens", completion);
			metrics.put("tokens",
					(usage.getTotalTokens() != null) ? (long) usage.getTotalTokens() : prompt + completion);
		}
		if (cacheRead != null) {
			metrics.put("prompt_cached_tokens", cacheRead);
		}
		if (cacheWrite != null) {
			metrics.put("prompt_cache_creation_tokens", cacheWrite);
		}
		Long reasoning = NativeUsage.reasoningTokens(usage.getNativeUsage());
		if (reasoning != null) {
			metrics.put("completion_reasoning_tokens", reasoning);
		}
		return metrics;
	}

	/**
	 * Whether the call goes to Anthropic and so takes Anthropic's shapes.
	 * @param context the call
	 * @return true for Anthropic
	 */
	protected boolean isAnthropic(BraintrustAdvisorLogContext context) {
		return ANTHROPIC.equals(context.getProvider());
	}

	/**
	 * Messages in OpenAI's chat-completions shape.
	 * @param messages the prompt's messages
	 * @return the messages
	 */
	protected List<Map<String, Object>> openAiMessages(List<Message> messages) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Message message : messages) {
			MessageType type = message.getMessageType();
			if (message instanceof ToolResponseMessage toolResponses) {
				for (ToolResponseMessage.ToolResponse response : toolResponses.getResponses()) {
					Map<String, Object> tool = new LinkedHashMap<>();
					tool.put("role", "tool");
					tool.put("tool_call_id", response.id());
					tool.put("content", response.responseData());
					result.add(tool);
				}
				continue;
			}
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("role", type.getValue());
			if (message instanceof AssistantMessage assistant) {
				String text = assistant.getText();
				item.put("content", (StringUtils.hasLength(text) || !assistant.hasToolCalls()) ? text : null);
				if (assistant.hasToolCalls()) {
					item.put("tool_calls", openAiToolCalls(assistant.getToolCalls()));
				}
			}
			else if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
				List<Map<String, Object>> parts = new ArrayList<>();
				if (StringUtils.hasLength(user.getText())) {
					parts.add(Map.of("type", "text", "text", user.getText()));
				}
				user.getMedia()
					.forEach((media) -> parts
						.add(Map.of("type", "image_url", "image_url", Map.of("url", mediaReference(media)))));
				item.put("content", parts);
			}
			else {
				item.put("content", message.getText());
			}
			result.add(item);
		}
		return result;
	}

	/**
	 * Messages in Anthropic's shape: user and assistant messages (tool results are user
	 * messages of {@code tool_result} blocks), then the system prompt as a {@code {role:
	 * system, content}} message.
	 * @param messages the prompt's messages
	 * @return the messages
	 */
	protected List<Map<String, Object>> anthropicMessages(List<Message> messages) {
		List<Map<String, Object>> result = new ArrayList<>();
		List<String> system = new ArrayList<>();
		for (Message message : messages) {
			if (message.getMessageType() == MessageType.SYSTEM) {
				if (message.getText() != null) {
					system.add(message.getText());
				}
				continue;
			}
			Map<String, Object> item = new LinkedHashMap<>();
			if (message instanceof ToolResponseMessage toolResponses) {
				item.put("role", "user");
				List<Map<String, Object>> blocks = new ArrayList<>();
				for (ToolResponseMessage.ToolResponse response : toolResponses.getResponses()) {
					Map<String, Object> block = new LinkedHashMap<>();
					block.put("type", "tool_result");
					block.put("tool_use_id", response.id());
					block.put("content", response.responseData());
					blocks.add(block);
				}
				item.put("content", blocks);
			}
			else if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
				item.put("role", "assistant");
				List<Map<String, Object>> blocks = new ArrayList<>();
				if (StringUtils.hasLength(assistant.getText())) {
					blocks.add(textBlock(assistant.getText()));
				}
				assistant.getToolCalls().forEach((call) -> blocks.add(toolUseBlock(call)));
				item.put("content", blocks);
			}
			else if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
				item.put("role", "user");
				List<Map<String, Object>> blocks = new ArrayList<>();
				if (StringUtils.hasLength(user.getText())) {
					blocks.add(textBlock(user.getText()));
				}
				user.getMedia()
					.forEach((media) -> blocks
						.add(Map.of("type", "image", "source", Map.of("type", "url", "url", mediaReference(media)))));
				item.put("content", blocks);
			}
			else {
				item.put("role", message.getMessageType().getValue());
				item.put("content", message.getText());
			}
			result.add(item);
		}
		if (!system.isEmpty()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("role", "system");
			item.put("content", String.join("\n\n", system));
			result.add(item);
		}
		return result;
	}

	/**
	 * The response as OpenAI choices.
	 * @param response the response
	 * @return one choice per generation
	 */
	protected List<Map<String, Object>> openAiChoices(ChatResponse response) {
		List<Map<String, Object>> choices = new ArrayList<>();
		List<Generation> generations = response.getResults();
		for (int i = 0; i < generations.size(); i++) {
			Generation generation = generations.get(i);
			AssistantMessage output = generation.getOutput();
			Map<String, Object> choice = new LinkedHashMap<>();
			choice.put("index", index(output, i));
			String finishReason = finishReason(generation);
			if (finishReason != null) {
				choice.put("finish_reason", finishReason);
			}
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("role", "assistant");
			String text = output.getText();
			message.put("content", (StringUtils.hasLength(text) || !output.hasToolCalls()) ? text : null);
			if (output.hasToolCalls()) {
				message.put("tool_calls", openAiToolCalls(output.getToolCalls()));
			}
			choice.put("message", message);
			choices.add(choice);
		}
		return choices;
	}

	/**
	 * The response as one Anthropic assistant message: thinking, text and
	 * {@code tool_use} blocks, and the stop reason.
	 * @param response the response
	 * @return the message
	 */
	protected Map<String, Object> anthropicOutput(ChatResponse response) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "assistant");
		List<Map<String, Object>> content = new ArrayList<>();
		String stopReason = null;
		for (Generation generation : response.getResults()) {
			AssistantMessage output = generation.getOutput();
			Map<String, Object> properties = output.getMetadata();
			if (properties.containsKey("signature") || Boolean.TRUE.equals(properties.get("thinking"))) {
				if (StringUtils.hasLength(output.getText())) {
					Map<String, Object> thinking = new LinkedHashMap<>();
					thinking.put("type", "thinking");
					thinking.put("thinking", output.getText());
					content.add(thinking);
				}
				continue;
			}
			if (StringUtils.hasLength(output.getText())) {
				content.add(textBlock(output.getText()));
			}
			output.getToolCalls().forEach((call) -> content.add(toolUseBlock(call)));
			String reason = finishReason(generation);
			stopReason = (reason != null) ? reason : stopReason;
		}
		message.put("content", content);
		if (stopReason != null) {
			message.put("stop_reason", stopReason);
		}
		return message;
	}

	/**
	 * Put the request options into the metadata, under the provider's request names.
	 * @param options the options
	 * @param anthropic whether the provider is Anthropic
	 * @param metadata the metadata to add to
	 */
	protected void requestOptions(ChatOptions options, boolean anthropic, Map<String, Object> metadata) {
		putIfSet(metadata, "temperature", options.getTemperature());
		putIfSet(metadata, "max_tokens", options.getMaxTokens());
		putIfSet(metadata, "top_p", options.getTopP());
		putIfSet(metadata, "top_k", options.getTopK());
		putIfSet(metadata, "frequency_penalty", options.getFrequencyPenalty());
		putIfSet(metadata, "presence_penalty", options.getPresencePenalty());
		List<String> stop = options.getStopSequences();
		if (stop != null && !stop.isEmpty()) {
			metadata.put(anthropic ? "stop_sequences" : "stop", stop);
		}
		OPTIONAL_OPTIONS.forEach((getter, name) -> {
			Object value = NativeUsage.invokeGetter(options, getter);
			if (value instanceof Number || value instanceof Boolean) {
				metadata.put(name, value);
			}
			else if (value instanceof String text && !text.isBlank()) {
				metadata.put(name, name.equals("tool_choice") ? toolChoice(text) : text);
			}
		});
	}

	/**
	 * The tool definitions offered to the model, in OpenAI's shape.
	 * @param options the request options
	 * @return the tools, empty when none were offered
	 */
	protected List<Map<String, Object>> tools(@Nullable ChatOptions options) {
		List<Map<String, Object>> tools = new ArrayList<>();
		if (options instanceof ToolCallingChatOptions toolOptions && toolOptions.getToolCallbacks() != null) {
			for (ToolCallback callback : toolOptions.getToolCallbacks()) {
				ToolDefinition definition = callback.getToolDefinition();
				Map<String, Object> function = new LinkedHashMap<>();
				function.put("name", definition.name());
				function.put("description", definition.description());
				if (StringUtils.hasText(definition.inputSchema())) {
					function.put("parameters", parseJson(definition.inputSchema()));
				}
				Map<String, Object> tool = new LinkedHashMap<>();
				tool.put("type", "function");
				tool.put("function", function);
				tools.add(tool);
			}
		}
		return tools;
	}

	/**
	 * The model the provider answered with.
	 * @param response the response
	 * @return the model, or null when the response names none
	 */
	protected @Nullable String responseModel(@Nullable ChatResponse response) {
		if (response == null) {
			return null;
		}
		ChatResponseMetadata metadata = response.getMetadata();
		return StringUtils.hasText(metadata.getModel()) ? metadata.getModel() : null;
	}

	/**
	 * The finish reason of a generation in the provider's lower-case form.
	 * @param generation the generation
	 * @return e.g. {@code stop}, {@code tool_calls}, {@code end_turn}; null when unknown
	 */
	protected @Nullable String finishReason(Generation generation) {
		String reason = generation.getMetadata().getFinishReason();
		if (!StringUtils.hasText(reason) || reason.startsWith("_")) {
			return null;
		}
		return reason.toLowerCase(Locale.ROOT);
	}

	private static List<Map<String, Object>> openAiToolCalls(List<AssistantMessage.ToolCall> calls) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (AssistantMessage.ToolCall call : calls) {
			Map<String, Object> function = new LinkedHashMap<>();
			function.put("name", call.name());
			function.put("arguments", call.arguments());
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", call.id());
			item.put("type", "function");
			item.put("function", function);
			result.add(item);
		}
		return result;
	}

	private static Map<String, Object> toolUseBlock(AssistantMessage.ToolCall call) {
		Map<String, Object> block = new LinkedHashMap<>();
		block.put("type", "tool_use");
		block.put("id", call.id());
		block.put("name", call.name());
		block.put("input", parseJson(call.arguments()));
		return block;
	}

	private static Map<String, Object> textBlock(String text) {
		Map<String, Object> block = new LinkedHashMap<>();
		block.put("type", "text");
		block.put("text", text);
		return block;
	}

	private static Object toolChoice(String choice) {
		String trimmed = choice.strip();
		return trimmed.startsWith("{") ? parseJson(trimmed) : trimmed;
	}

	private static int index(AssistantMessage output, int position) {
		Object index = output.getMetadata().get("index");
		return (index instanceof Number number) ? number.intValue() : position;
	}

	/**
	 * A media reference: its URL, or a short description of inline data (never the
	 * bytes).
	 */
	private static String mediaReference(Media media) {
		Object data = media.getData();
		if (data instanceof URI || (data instanceof String text && !text.startsWith("data:"))) {
			return data.toString();
		}
		int size = (data instanceof byte[] bytes) ? bytes.length : -1;
		return "<" + media.getMimeType() + ((size >= 0) ? " data, " + size + " bytes" : " data") + ">";
	}

	/** Parse JSON text, keeping the text itself when it is not valid JSON. */
	static Object parseJson(@Nullable String json) {
		if (json == null) {
			return "";
		}
		try {
			JsonNode node = JSON.readTree(json);
			return (node != null && !node.isMissingNode()) ? node : json;
		}
		catch (JacksonException ex) {
			return json;
		}
	}

	private static boolean isReported(@Nullable Usage usage) {
		if (usage == null || usage instanceof EmptyUsage) {
			return false;
		}
		// Aggregators and some models fill in zeros when the provider sent no usage; a
		// real
		// call always has prompt tokens, so all-zero counts mean "not reported".
		return orZero(usage.getPromptTokens()) != 0 || orZero(usage.getCompletionTokens()) != 0
				|| orZero(usage.getTotalTokens()) != 0;
	}

	private static long orZero(@Nullable Number value) {
		return (value != null) ? value.longValue() : 0;
	}

	private static void putIfSet(Map<String, Object> metadata, String key, @Nullable Object value) {
		if (value != null) {
			metadata.put(key, value);
		}
	}

}

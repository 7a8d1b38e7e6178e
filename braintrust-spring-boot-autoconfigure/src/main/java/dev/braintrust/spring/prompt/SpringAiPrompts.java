package dev.braintrust.spring.prompt;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * Braintrust prompts as Spring AI {@link Prompt}s. As a bean (auto-configured when Spring
 * AI is on the classpath), it loads, builds and converts in one call:
 *
 * <pre class="code">
 * String answer = chatClient.prompt(springAiPrompts.prompt("answer-question", Map.of("question", question)))
 *     .call()
 *     .content();
 * </pre>
 *
 * Its static methods convert a {@link BuiltPrompt}: one message per chat message (system
 * and developer messages as {@link SystemMessage}, user messages with their images and
 * files as media, assistant messages with their tool calls, tool results as
 * {@link ToolResponseMessage}), or one user message for a completion prompt; and generic
 * {@link ChatOptions}: model, temperature, max tokens ({@code max_tokens},
 * {@code max_completion_tokens} or {@code maxOutputTokens}), top p, top k, stop
 * sequences, frequency and presence penalties. Parameters Spring AI has no generic option
 * for (response format, reasoning effort, seed, ...) are in {@link BuiltPrompt#params()},
 * to be set on provider options passed to
 * {@link #toPrompt(BuiltPrompt, ChatOptions.Builder)}. Every message carries the
 * {@link BuiltPrompt#promptMetadata() prompt metadata} under
 * {@link PromptSpanMetadata#KEY}, which Braintrust's Spring AI advisor records on the LLM
 * span.
 * <p>
 * Spring AI types appear only in this class and {@link PromptSpanMetadata}, so the rest
 * of the prompt API works without Spring AI.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SpringAiPrompts {

	private static final MimeType ANY_IMAGE = MimeType.valueOf("image/*");

	private final BraintrustPrompts prompts;

	/**
	 * Create an instance that loads prompts with the given {@link BraintrustPrompts}.
	 * @param prompts the prompts
	 */
	public SpringAiPrompts(BraintrustPrompts prompts) {
		Assert.notNull(prompts, "'prompts' must not be null");
		this.prompts = prompts;
	}

	/**
	 * Load the latest version of a prompt of the configured project and build it into a
	 * Spring AI prompt.
	 * @param slug the prompt's slug
	 * @param variables the variables
	 * @return the Spring AI prompt
	 * @see BraintrustPrompts#load(String)
	 */
	public Prompt prompt(String slug, Map<String, ?> variables) {
		return toPrompt(this.prompts.load(slug).build(variables));
	}

	/**
	 * Load a prompt and build it into a Spring AI prompt.
	 * @param request which prompt
	 * @param variables the variables
	 * @return the Spring AI prompt
	 * @see BraintrustPrompts#load(PromptRequest)
	 */
	public Prompt prompt(PromptRequest request, Map<String, ?> variables) {
		return toPrompt(this.prompts.load(request).build(variables));
	}

	/**
	 * A Spring AI prompt with generic {@link ChatOptions}.
	 * @param built the built prompt
	 * @return the Spring AI prompt
	 */
	public static Prompt toPrompt(BuiltPrompt built) {
		return toPrompt(built, ChatOptions.builder());
	}

	/**
	 * A Spring AI prompt whose options are built from the given builder, so that
	 * provider-specific options ({@code OpenAiChatOptions.builder()}, say) can be set by
	 * the caller; the generic options are filled in from the prompt.
	 * @param built the built prompt
	 * @param options the options builder to fill in and build
	 * @return the Spring AI prompt
	 */
	public static Prompt toPrompt(BuiltPrompt built, ChatOptions.Builder<?> options) {
		Assert.notNull(built, "'built' must not be null");
		Assert.notNull(options, "'options' must not be null");
		Map<String, Object> metadata = Map.of(PromptSpanMetadata.KEY, built.promptMetadata());
		List<Message> messages = new ArrayList<>();
		if (built.type() == PromptType.COMPLETION) {
			String text = built.completion();
			messages.add(UserMessage.builder().text((text != null) ? text : "").metadata(metadata).build());
		}
		else {
			Map<String, String> toolNames = new HashMap<>();
			List<ObjectNode> nodes = built.messageNodes();
			for (int i = 0; i < nodes.size(); i++) {
				messages.add(toMessage(built, nodes.get(i), i, metadata, toolNames));
			}
		}
		return new Prompt(messages, chatOptions(built, options));
	}

	/**
	 * The prompt's tools as Spring AI tool definitions, to match with the application's
	 * own tool callbacks: a prompt's tools describe functions, they cannot run them.
	 * @param built the built prompt
	 * @return the definitions
	 */
	public static List<ToolDefinition> toolDefinitions(BuiltPrompt built) {
		ArrayNode tools = built.toolsNode();
		if (tools == null) {
			return List.of();
		}
		List<ToolDefinition> definitions = new ArrayList<>();
		for (JsonNode tool : tools.values()) {
			JsonNode function = tool.path("function");
			String name = BraintrustPrompt.text(function, "name");
			if (name == null) {
				throw new IllegalStateException(
						"A tool of prompt '" + built.source().slug() + "' has no function name: " + tool);
			}
			String description = BraintrustPrompt.text(function, "description");
			JsonNode parameters = function.get("parameters");
			definitions.add(ToolDefinition.builder()
				.name(name)
				.description((description != null) ? description : "")
				.inputSchema((parameters != null) ? parameters.toString() : "{\"type\":\"object\",\"properties\":{}}")
				.build());
		}
		return definitions;
	}

	private static Message toMessage(BuiltPrompt built, ObjectNode node, int index, Map<String, Object> metadata,
			Map<String, String> toolNames) {
		String role = node.path("role").asString("");
		JsonNode content = node.get("content");
		return switch (role) {
			case "system", "developer" -> SystemMessage.builder().text(text(content)).metadata(metadata).build();
			case "user" -> UserMessage.builder()
				.text(text(content))
				.media(media(built, content, index))
				.metadata(metadata)
				.build();
			case "assistant", "model" -> assistant(node, content, metadata, toolNames);
			case "tool" -> toolResponse(node.path("tool_call_id").asString(""), content, metadata, toolNames);
			case "function" -> toolResponse(node.path("name").asString(""), content, metadata, toolNames);
			default -> throw new IllegalStateException("Message " + index + " of prompt '" + built.source().slug()
					+ "' has role '" + role + "', which Spring AI has no message type for");
		};
	}

	private static AssistantMessage assistant(ObjectNode node, @Nullable JsonNode content, Map<String, Object> metadata,
			Map<String, String> toolNames) {
		List<AssistantMessage.ToolCall> calls = new ArrayList<>();
		if (node.get("tool_calls") instanceof ArrayNode array) {
			for (JsonNode call : array.values()) {
				String id = call.path("id").asString("");
				String name = call.path("function").path("name").asString("");
				calls.add(new AssistantMessage.ToolCall(id, call.path("type").asString("function"), name,
						call.path("function").path("arguments").asString("")));
				toolNames.put(id, name);
			}
		}
		else if (node.get("function_call") instanceof ObjectNode function) {
			// the legacy single function call: its name doubles as the id
			String name = function.path("name").asString("");
			calls.add(new AssistantMessage.ToolCall(name, "function", name, function.path("arguments").asString("")));
			toolNames.put(name, name);
		}
		return AssistantMessage.builder().content(text(content)).toolCalls(calls).properties(metadata).build();
	}

	private static ToolResponseMessage toolResponse(String id, @Nullable JsonNode content, Map<String, Object> metadata,
			Map<String, String> toolNames) {
		String name = toolNames.getOrDefault(id, id);
		return ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse(id, name, text(content))))
			.metadata(metadata)
			.build();
	}

	private static String text(@Nullable JsonNode content) {
		if (content == null || content.isNull()) {
			return "";
		}
		if (content.isString()) {
			return content.stringValue();
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode part : content.values()) {
			if ("text".equals(part.path("type").asString(""))) {
				texts.add(part.path("text").asString(""));
			}
		}
		return String.join("\n", texts);
	}

	private static List<Media> media(BuiltPrompt built, @Nullable JsonNode content, int index) {
		if (!(content instanceof ArrayNode parts)) {
			return List.of();
		}
		List<Media> media = new ArrayList<>();
		for (JsonNode part : parts.values()) {
			String type = part.path("type").asString("");
			if (type.equals("image_url")) {
				String url = part.path("image_url").path("url").asString("");
				media.add(url.startsWith("data:") ? dataUrl(url, built, index)
						: Media.builder().mimeType(imageType(url)).data(URI.create(url)).build());
			}
			else if (type.equals("file")) {
				String data = part.path("file").path("file_data").asString("");
				if (!data.startsWith("data:")) {
					throw new IllegalStateException("Message " + index + " of prompt '" + built.source().slug()
							+ "' has a file part without inline file_data, which Spring AI cannot send");
				}
				media.add(dataUrl(data, built, index));
			}
		}
		return media;
	}

	private static Media dataUrl(String url, BuiltPrompt built, int index) {
		int comma = url.indexOf(',');
		String header = (comma > 5) ? url.substring(5, comma) : "";
		if (comma < 0 || !header.endsWith(";base64")) {
			throw new IllegalStateException("Message " + index + " of prompt '" + built.source().slug()
					+ "' has a data URL that is not base64-encoded");
		}
		MimeType type = MimeType.valueOf(header.substring(0, header.length() - ";base64".length()));
		return Media.builder().mimeType(type).data(Base64.getDecoder().decode(url.substring(comma + 1))).build();
	}

	private static MimeType imageType(String url) {
		String path = url.toLowerCase(Locale.ROOT);
		int query = path.indexOf('?');
		path = (query >= 0) ? path.substring(0, query) : path;
		if (path.endsWith(".png")) {
			return Media.Format.IMAGE_PNG;
		}
		if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
			return Media.Format.IMAGE_JPEG;
		}
		if (path.endsWith(".gif")) {
			return Media.Format.IMAGE_GIF;
		}
		if (path.endsWith(".webp")) {
			return Media.Format.IMAGE_WEBP;
		}
		return ANY_IMAGE;
	}

	private static ChatOptions chatOptions(BuiltPrompt built, ChatOptions.Builder<?> options) {
		ObjectNode params = built.paramsNode();
		if (built.model() != null) {
			options.model(built.model());
		}
		Double temperature = number(params, "temperature");
		if (temperature != null) {
			options.temperature(temperature);
		}
		Double maxTokens = number(params, "max_tokens", "max_completion_tokens", "maxOutputTokens",
				"max_tokens_to_sample");
		if (maxTokens != null) {
			options.maxTokens(maxTokens.intValue());
		}
		Double topP = number(params, "top_p", "topP");
		if (topP != null) {
			options.topP(topP);
		}
		Double topK = number(params, "top_k", "topK");
		if (topK != null) {
			options.topK(topK.intValue());
		}
		Double frequencyPenalty = number(params, "frequency_penalty");
		if (frequencyPenalty != null) {
			options.frequencyPenalty(frequencyPenalty);
		}
		Double presencePenalty = number(params, "presence_penalty");
		if (presencePenalty != null) {
			options.presencePenalty(presencePenalty);
		}
		List<String> stop = strings(params.has("stop") ? params.get("stop") : params.get("stop_sequences"));
		if (stop != null) {
			options.stopSequences(stop);
		}
		return options.build();
	}

	private static @Nullable Double number(ObjectNode params, String... names) {
		for (String name : names) {
			JsonNode value = params.get(name);
			if (value != null && value.isNumber()) {
				return value.doubleValue();
			}
		}
		return null;
	}

	private static @Nullable List<String> strings(@Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return List.of(value.stringValue());
		}
		if (value.isArray()) {
			return value.valueStream().map((item) -> item.asString("")).toList();
		}
		return null;
	}

}

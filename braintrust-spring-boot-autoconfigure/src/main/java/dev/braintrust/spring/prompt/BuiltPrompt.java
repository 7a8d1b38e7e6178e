package dev.braintrust.spring.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rendered {@link BraintrustPrompt}: its messages (or completion text), model,
 * parameters and tools, ready to be sent with Spring AI
 * ({@link SpringAiPrompts#toPrompt(BuiltPrompt)}) or any other client
 * ({@link #toOpenAiRequest()}), and the {@link #promptMetadata() prompt metadata} that
 * links an LLM span to the prompt in Braintrust.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BuiltPrompt {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BraintrustPrompt source;

	private final PromptType type;

	private final List<ObjectNode> messages;

	private final @Nullable String completion;

	private final @Nullable ArrayNode tools;

	private final ObjectNode params;

	private final Map<String, @Nullable Object> variables;

	BuiltPrompt(BraintrustPrompt source, PromptType type, List<ObjectNode> messages, @Nullable String completion,
			@Nullable ArrayNode tools, ObjectNode params, Map<String, @Nullable Object> variables) {
		this.source = source;
		this.type = type;
		this.messages = List.copyOf(messages);
		this.completion = completion;
		this.tools = tools;
		this.params = params;
		this.variables = variables;
	}

	/**
	 * The prompt this was built from.
	 * @return the prompt
	 */
	public BraintrustPrompt source() {
		return this.source;
	}

	/**
	 * Whether this is a chat or a completion prompt.
	 * @return the type
	 */
	public PromptType type() {
		return this.type;
	}

	/**
	 * The rendered chat messages, OpenAI-style ({@code role}, {@code content},
	 * {@code tool_calls}, ...).
	 * @return the messages; empty for a completion prompt
	 */
	public List<Map<String, Object>> messages() {
		return this.messages.stream().map(BraintrustPrompt::toMap).toList();
	}

	/**
	 * The rendered completion text.
	 * @return the text, or null for a chat prompt
	 */
	public @Nullable String completion() {
		return this.completion;
	}

	/**
	 * The model.
	 * @return the model, or null when the prompt names none
	 */
	public @Nullable String model() {
		return this.source.model();
	}

	/**
	 * The model parameters, rendered, without Braintrust-only ones ({@code use_cache},
	 * {@code reasoning_enabled}, {@code reasoning_budget}).
	 * @return the parameters, with Braintrust's names ({@code max_tokens}, ...)
	 */
	public Map<String, Object> params() {
		return BraintrustPrompt.toMap(this.params);
	}

	/**
	 * The rendered tools, OpenAI-style ({@code {type: function, function: {name,
	 * description, parameters}}}).
	 * @return the tools; empty when the prompt has none
	 */
	public List<Map<String, Object>> tools() {
		return (this.tools != null) ? plainList(this.tools) : List.of();
	}

	/**
	 * The variables the prompt was rendered with: its defaults overridden by the build's.
	 * @return the variables, as JSON-like values
	 */
	public Map<String, @Nullable Object> variables() {
		return this.variables;
	}

	/**
	 * What an LLM span made from this prompt records as {@code metadata.prompt}, so that
	 * Braintrust links the span to the prompt: {@code variables}, {@code id},
	 * {@code project_id} and {@code version}, as Braintrust's SDKs record it. Ids a
	 * prompt resource does not have are left out.
	 * @return the metadata
	 */
	public Map<String, Object> promptMetadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("variables", this.variables);
		if (this.source.id() != null) {
			metadata.put("id", this.source.id());
		}
		if (this.source.projectId() != null) {
			metadata.put("project_id", this.source.projectId());
		}
		metadata.put("version", this.source.version());
		return Collections.unmodifiableMap(metadata);
	}

	/**
	 * An OpenAI-style request for any client: {@code model}, the parameters,
	 * {@code messages} (or {@code prompt} for a completion prompt) and {@code tools}.
	 * Braintrust-only parameters and the prompt metadata are not included, so the map can
	 * be sent to the provider as it is; log {@link #promptMetadata()} on the LLM span
	 * yourself when the client is not traced by Braintrust.
	 * @return a new mutable map of JSON-like values
	 */
	public Map<String, Object> toOpenAiRequest() {
		Map<String, Object> request = new LinkedHashMap<>();
		if (model() != null) {
			request.put("model", model());
		}
		request.putAll(params());
		if (this.type == PromptType.CHAT) {
			request.put("messages", this.messages.stream().map(BuiltPrompt::plain).toList());
		}
		else {
			request.put("prompt", this.completion);
		}
		if (this.tools != null && !this.tools.isEmpty()) {
			request.put("tools", plainList(this.tools));
		}
		return request;
	}

	List<ObjectNode> messageNodes() {
		return this.messages;
	}

	ObjectNode paramsNode() {
		return this.params;
	}

	@Nullable ArrayNode toolsNode() {
		return this.tools;
	}

	@Override
	public String toString() {
		return "BuiltPrompt[slug=" + this.source.slug() + ", version=" + this.source.version() + ", type=" + this.type
				+ "]";
	}

	private static Object plain(JsonNode node) {
		return JSON.convertValue(node, Object.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> plainList(ArrayNode array) {
		return (List<Map<String, Object>>) (List<?>) array.valueStream().map(BuiltPrompt::plain).toList();
	}

}

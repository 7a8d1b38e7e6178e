package dev.braintrust.spring.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * A Braintrust prompt, as Braintrust's REST API returns it ({@code GET /v1/prompt}): its
 * identity, its version (the {@code _xact_id}), and its {@code prompt_data}: chat
 * messages or a completion text, the model and its parameters, tools and the template
 * format. Immutable; {@link #build(Map)} renders it with variables.
 * <p>
 * Obtained from {@link BraintrustPrompts}, or parsed with {@link #fromJson(String)}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustPrompt {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Model parameters that configure Braintrust's proxy rather than the model, left out
	 * of built requests (the SDKs' {@code BRAINTRUST_PARAMS}).
	 */
	static final List<String> BRAINTRUST_PARAMS = List.of("use_cache", "reasoning_enabled", "reasoning_budget");

	private final ObjectNode json;

	private final @Nullable String id;

	private final @Nullable String projectId;

	private final String slug;

	private final String name;

	private final @Nullable String description;

	private final String version;

	private final @Nullable PromptType type;

	private final List<ObjectNode> messages;

	private final @Nullable String content;

	private final @Nullable String tools;

	private final @Nullable String model;

	private final ObjectNode params;

	private final TemplateFormat templateFormat;

	private final Map<String, @Nullable Object> defaults;

	private final PromptRenderer renderer;

	private BraintrustPrompt(ObjectNode json, Map<String, @Nullable Object> defaults, PromptRenderer renderer) {
		this.json = json;
		this.slug = requiredText(json, "slug");
		this.id = text(json, "id");
		this.projectId = text(json, "project_id");
		String name = text(json, "name");
		this.name = (name != null) ? name : this.slug;
		this.description = text(json, "description");
		JsonNode data = json.path("prompt_data");
		String xactId = text(json, "_xact_id");
		this.version = (xactId != null) ? xactId : contentVersion(data);
		JsonNode block = data.path("prompt");
		this.type = type(block);
		List<ObjectNode> messages = new ArrayList<>();
		if (this.type == PromptType.CHAT) {
			JsonNode array = block.path("messages");
			if (!array.isArray()) {
				throw invalid("prompt_data.prompt.messages must be an array");
			}
			for (JsonNode message : array.values()) {
				if (!(message instanceof ObjectNode object) || text(object, "role") == null) {
					throw invalid("every message in prompt_data.prompt.messages needs a role");
				}
				messages.add(object);
			}
		}
		this.messages = Collections.unmodifiableList(messages);
		this.content = (this.type == PromptType.COMPLETION) ? text(block, "content") : null;
		this.tools = (this.type == PromptType.CHAT) ? text(block, "tools") : null;
		JsonNode options = data.path("options");
		this.model = text(options, "model");
		this.params = (options.path("params") instanceof ObjectNode object) ? object : JSON.createObjectNode();
		try {
			this.templateFormat = TemplateFormat.fromWire(text(data, "template_format"));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
		this.defaults = defaults;
		this.renderer = renderer;
	}

	/**
	 * Parse a prompt from Braintrust's JSON: a prompt object, or a list response
	 * ({@code {"objects": [prompt]}}) holding exactly one.
	 * @param json the JSON text
	 * @return the prompt
	 * @throws IllegalArgumentException when the JSON is not a prompt
	 */
	public static BraintrustPrompt fromJson(String json) {
		Assert.notNull(json, "'json' must not be null");
		try {
			return fromJson(JSON.readTree(json));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not valid prompt JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Parse a prompt from Braintrust's JSON: a prompt object, or a list response
	 * ({@code {"objects": [prompt]}}) holding exactly one.
	 * @param json the JSON tree; it is copied
	 * @return the prompt
	 * @throws IllegalArgumentException when the JSON is not a prompt
	 */
	public static BraintrustPrompt fromJson(JsonNode json) {
		Assert.notNull(json, "'json' must not be null");
		JsonNode node = json;
		if (node.has("objects") && !node.has("slug")) {
			JsonNode objects = node.get("objects");
			if (!objects.isArray() || objects.size() != 1) {
				throw new IllegalArgumentException("Expected exactly one prompt in 'objects', found "
						+ (objects.isArray() ? objects.size() : "no array"));
			}
			node = objects.get(0);
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException("A prompt must be a JSON object");
		}
		return new BraintrustPrompt(object.deepCopy(), Map.of(), PromptRenderer.lenient());
	}

	/**
	 * The prompt's id.
	 * @return the id, or null for a prompt resource that has none
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * The id of the project the prompt belongs to.
	 * @return the project id, or null for a prompt resource that has none
	 */
	public @Nullable String projectId() {
		return this.projectId;
	}

	/**
	 * The prompt's slug, unique in its project.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * The prompt's name.
	 * @return the name, or the slug when it has none
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The prompt's description.
	 * @return the description or null
	 */
	public @Nullable String description() {
		return this.description;
	}

	/**
	 * The prompt's version: its transaction id ({@code _xact_id}), or for a resource
	 * without one, 16 hex digits of a hash of its {@code prompt_data}.
	 * @return the version
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Whether the prompt is made of chat messages or a completion text.
	 * @return the type, or null when the prompt has no template block
	 */
	public @Nullable PromptType type() {
		return this.type;
	}

	/**
	 * The chat message templates, as Braintrust stores them (OpenAI-style: {@code role},
	 * {@code content}, ...).
	 * @return the messages; empty for a completion prompt
	 */
	public List<Map<String, Object>> messages() {
		return this.messages.stream().map(BraintrustPrompt::toMap).toList();
	}

	/**
	 * The completion text template.
	 * @return the template, or null for a chat prompt
	 */
	public @Nullable String content() {
		return this.content;
	}

	/**
	 * The tools template: a JSON array of OpenAI tool definitions, as a string.
	 * @return the template or null
	 */
	public @Nullable String tools() {
		return this.tools;
	}

	/**
	 * The model.
	 * @return the model or null
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * The model parameters as stored, Braintrust-only ones included.
	 * @return the parameters
	 */
	public Map<String, Object> params() {
		return toMap(this.params);
	}

	/**
	 * The template format.
	 * @return the format
	 */
	public TemplateFormat templateFormat() {
		return this.templateFormat;
	}

	/**
	 * Variables used when a build does not set them.
	 * @return the default variables
	 */
	public Map<String, @Nullable Object> defaults() {
		return this.defaults;
	}

	/**
	 * The renderer {@link #build(Map)} uses.
	 * @return the renderer
	 */
	public PromptRenderer renderer() {
		return this.renderer;
	}

	/**
	 * A copy of this prompt with default variables, which variables given to
	 * {@link #build(Map)} override.
	 * @param defaults the default variables
	 * @return the copy
	 */
	public BraintrustPrompt withDefaults(Map<String, ?> defaults) {
		Assert.notNull(defaults, "'defaults' must not be null");
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(this.defaults);
		merged.putAll(PromptVariables.normalize(defaults));
		return new BraintrustPrompt(this.json, Collections.unmodifiableMap(merged), this.renderer);
	}

	/**
	 * A copy of this prompt that renders with another renderer, a strict one for
	 * instance.
	 * @param renderer the renderer
	 * @return the copy
	 */
	public BraintrustPrompt withRenderer(PromptRenderer renderer) {
		Assert.notNull(renderer, "'renderer' must not be null");
		return new BraintrustPrompt(this.json, this.defaults, renderer);
	}

	/**
	 * Render the prompt with its default variables only.
	 * @return the built prompt
	 * @throws PromptRenderException when rendering fails
	 */
	public BuiltPrompt build() {
		return build(Map.of());
	}

	/**
	 * Render the prompt: its messages (or completion text), tools and JSON-schema
	 * response format, with the default variables overridden by the given ones. Templates
	 * also see every variable under {@code input}, as in Braintrust's playground.
	 * @param variables the variables: strings, numbers, booleans, maps, lists, records,
	 * beans or Jackson trees
	 * @return the built prompt
	 * @throws PromptRenderException when a variable is missing in strict mode, a template
	 * is malformed, or the prompt has nothing to build
	 */
	public BuiltPrompt build(Map<String, ?> variables) {
		Assert.notNull(variables, "'variables' must not be null");
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(this.defaults);
		merged.putAll(PromptVariables.normalize(variables));
		return PromptAssembler.assemble(this, Collections.unmodifiableMap(merged));
	}

	/**
	 * The prompt as Braintrust's JSON.
	 * @return the JSON text
	 */
	public String toJson() {
		return JSON.writeValueAsString(this.json);
	}

	ObjectNode json() {
		return this.json;
	}

	List<ObjectNode> messageNodes() {
		return this.messages;
	}

	ObjectNode paramsNode() {
		return this.params;
	}

	@Override
	public String toString() {
		return "BraintrustPrompt[slug=" + this.slug + ", id=" + this.id + ", version=" + this.version + "]";
	}

	static Map<String, Object> toMap(JsonNode node) {
		@SuppressWarnings("unchecked")
		Map<String, Object> map = JSON.treeToValue(node, LinkedHashMap.class);
		return Collections.unmodifiableMap(map);
	}

	private IllegalArgumentException invalid(@Nullable String problem) {
		return new IllegalArgumentException("Prompt '" + this.slug + "' is not valid: " + problem);
	}

	private static @Nullable PromptType type(JsonNode block) {
		String type = text(block, "type");
		if (type == null) {
			return block.has("messages") ? PromptType.CHAT : (block.has("content") ? PromptType.COMPLETION : null);
		}
		return switch (type) {
			case "chat" -> PromptType.CHAT;
			case "completion" -> PromptType.COMPLETION;
			default -> throw new IllegalArgumentException("Unknown prompt type '" + type + "'");
		};
	}

	private static String contentVersion(JsonNode data) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String requiredText(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null) {
			throw new IllegalArgumentException("A prompt needs a '" + field + "'");
		}
		return value;
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isEmpty()) ? value.stringValue() : null;
	}

}

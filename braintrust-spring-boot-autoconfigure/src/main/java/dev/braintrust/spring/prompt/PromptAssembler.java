package dev.braintrust.spring.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link BraintrustPrompt} into a {@link BuiltPrompt}, rendering exactly the
 * fields Braintrust's SDKs render: message content (text, image URLs, file data), tool
 * call ids, names and arguments, tool call ids of tool messages, the tools, and a JSON
 * schema response format.
 *
 * @author Braintrust
 */
final class PromptAssembler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BraintrustPrompt prompt;

	private final Map<String, Object> context;

	private PromptAssembler(BraintrustPrompt prompt, Map<String, @Nullable Object> variables) {
		this.prompt = prompt;
		this.context = PromptVariables.context(variables);
	}

	static BuiltPrompt assemble(BraintrustPrompt prompt, Map<String, @Nullable Object> variables) {
		return new PromptAssembler(prompt, variables).assemble(variables);
	}

	private BuiltPrompt assemble(Map<String, @Nullable Object> variables) {
		PromptType type = this.prompt.type();
		if (type == null) {
			throw new PromptRenderException("Prompt '" + this.prompt.slug() + "' (version " + this.prompt.version()
					+ ") has no chat messages or completion text to build", null, null);
		}
		List<ObjectNode> messages = new ArrayList<>();
		String completion = null;
		ArrayNode tools = null;
		if (type == PromptType.CHAT) {
			List<ObjectNode> templates = this.prompt.messageNodes();
			for (int i = 0; i < templates.size(); i++) {
				messages.add(renderMessage(templates.get(i), "messages[" + i + "]"));
			}
			String toolsTemplate = this.prompt.tools();
			if (toolsTemplate != null && !toolsTemplate.isBlank()) {
				tools = parseTools(render(toolsTemplate, "tools"));
			}
		}
		else {
			String content = this.prompt.content();
			completion = (content != null) ? render(content, "content") : "";
		}
		ObjectNode params = this.prompt.paramsNode().deepCopy();
		BraintrustPrompt.BRAINTRUST_PARAMS.forEach(params::remove);
		renderResponseFormat(params);
		return new BuiltPrompt(this.prompt, type, messages, completion, tools, params, variables);
	}

	private ObjectNode renderMessage(ObjectNode template, String path) {
		ObjectNode message = template.deepCopy();
		JsonNode content = message.get("content");
		if (content != null && content.isString()) {
			message.put("content", render(content.stringValue(), path + ".content"));
		}
		else if (content instanceof ArrayNode parts) {
			for (int i = 0; i < parts.size(); i++) {
				if (parts.get(i) instanceof ObjectNode part) {
					renderPart(part, path + ".content[" + i + "]");
				}
			}
		}
		if (message.get("tool_calls") instanceof ArrayNode calls) {
			for (int i = 0; i < calls.size(); i++) {
				if (calls.get(i) instanceof ObjectNode call) {
					String callPath = path + ".tool_calls[" + i + "]";
					renderField(call, "id", callPath);
					if (call.get("function") instanceof ObjectNode function) {
						renderField(function, "name", callPath + ".function");
						renderField(function, "arguments", callPath + ".function");
					}
				}
			}
		}
		renderField(message, "tool_call_id", path);
		return message;
	}

	private void renderPart(ObjectNode part, String path) {
		String type = BraintrustPrompt.text(part, "type");
		if ("text".equals(type)) {
			renderField(part, "text", path);
		}
		else if ("image_url".equals(type) && part.get("image_url") instanceof ObjectNode image) {
			renderField(image, "url", path + ".image_url");
		}
		else if ("file".equals(type) && part.get("file") instanceof ObjectNode file) {
			renderField(file, "file_data", path + ".file");
			renderField(file, "file_id", path + ".file");
			renderField(file, "filename", path + ".file");
		}
	}

	private void renderField(ObjectNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value != null && value.isString()) {
			node.put(field, render(value.stringValue(), path + "." + field));
		}
	}

	private ArrayNode parseTools(String rendered) {
		try {
			JsonNode tools = JSON.readTree(rendered);
			if (tools instanceof ArrayNode array) {
				return array;
			}
		}
		catch (JacksonException ex) {
			throw new PromptRenderException("The tools of prompt '" + this.prompt.slug()
					+ "' are not valid JSON once rendered: " + ex.getOriginalMessage(), null, ex);
		}
		throw new PromptRenderException(
				"The tools of prompt '" + this.prompt.slug() + "' must be a JSON array of tool definitions", null,
				null);
	}

	private void renderResponseFormat(ObjectNode params) {
		JsonNode format = params.get("response_format");
		if (format == null || !"json_schema".equals(BraintrustPrompt.text(format, "type"))
				|| !(format.get("json_schema") instanceof ObjectNode jsonSchema)) {
			return;
		}
		JsonNode schema = jsonSchema.get("schema");
		String path = "params.response_format.json_schema.schema";
		if (schema != null && schema.isString()) {
			String rendered = render(schema.stringValue(), path);
			try {
				jsonSchema.set("schema", JSON.readTree(rendered));
			}
			catch (JacksonException ex) {
				jsonSchema.put("schema", rendered);
			}
		}
		else if (schema != null) {
			jsonSchema.set("schema", renderTree(schema, path));
		}
	}

	private JsonNode renderTree(JsonNode node, String path) {
		if (node.isString()) {
			return JSON.getNodeFactory().stringNode(render(node.stringValue(), path));
		}
		if (node instanceof ObjectNode object) {
			ObjectNode copy = JSON.createObjectNode();
			object.properties().forEach((entry) -> copy.set(entry.getKey(), renderTree(entry.getValue(), path)));
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = JSON.createArrayNode();
			array.values().forEach((value) -> copy.add(renderTree(value, path)));
			return copy;
		}
		return node;
	}

	private String render(String template, String path) {
		try {
			return this.prompt.renderer().renderContext(template, this.context, this.prompt.templateFormat());
		}
		catch (PromptRenderException ex) {
			throw new PromptRenderException("Prompt '" + this.prompt.slug() + "' (version " + this.prompt.version()
					+ "), " + path + ": " + ex.getMessage(), ex.getVariable(), ex);
		}
	}

}

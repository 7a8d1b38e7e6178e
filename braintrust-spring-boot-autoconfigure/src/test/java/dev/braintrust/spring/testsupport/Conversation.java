package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A provider-neutral reading of a chat request: the messages as plain text, the tools
 * offered, the tool choice and whether the request ends with tool results.
 *
 * @param model the requested model
 * @param system the system prompt, or an empty string
 * @param turns the messages, system prompt excluded
 * @param tools the tools offered
 * @param toolChoice {@code auto}, {@code none}, {@code required} or {@code tool:<name>}
 * @param maxTokens the output token limit, or null
 * @param promptText everything the model reads, for token counting
 */
record Conversation(String model, String system, List<Turn> turns, List<Tool> tools, String toolChoice,
		@Nullable Integer maxTokens, String promptText) {

	/** The text of the last user message that is not only tool results. */
	String lastUserText() {
		for (int i = this.turns.size() - 1; i >= 0; i--) {
			Turn turn = this.turns.get(i);
			if (turn.role().equals("user") && !turn.text().isBlank()) {
				return turn.text();
			}
		}
		return "";
	}

	/** Tool results sent after the last assistant tool call, in order. */
	List<ToolResult> trailingToolResults() {
		List<ToolResult> results = new ArrayList<>();
		for (int i = this.turns.size() - 1; i >= 0; i--) {
			Turn turn = this.turns.get(i);
			if (turn.toolResults().isEmpty()) {
				break;
			}
			results.addAll(0, turn.toolResults());
		}
		return results;
	}

	/**
	 * A tool call no tool result answers, as the real APIs reject: every assistant tool
	 * call must be answered by the messages right after it.
	 * @return the position of the assistant message and the unanswered id, or null
	 */
	@Nullable Dangling danglingToolCall() {
		for (int i = 0; i < this.turns.size(); i++) {
			Turn turn = this.turns.get(i);
			if (turn.toolCalls().isEmpty()) {
				continue;
			}
			java.util.Set<String> answered = new java.util.HashSet<>();
			for (int j = i + 1; j < this.turns.size() && !this.turns.get(j).toolResults().isEmpty(); j++) {
				this.turns.get(j).toolResults().forEach((result) -> answered.add(result.toolCallId()));
			}
			for (ToolCall call : turn.toolCalls()) {
				if (!answered.contains(call.id())) {
					return new Dangling(i, call.id());
				}
			}
		}
		return null;
	}

	/** The name of the tool an earlier assistant turn called with the given id. */
	String toolNameFor(String toolCallId) {
		for (Turn turn : this.turns) {
			for (ToolCall call : turn.toolCalls()) {
				if (call.id().equals(toolCallId)) {
					return call.name();
				}
			}
		}
		return "the tool";
	}

	static Conversation fromOpenAi(JsonNode request) {
		String system = "";
		List<Turn> turns = new ArrayList<>();
		StringBuilder prompt = new StringBuilder();
		for (JsonNode message : request.path("messages").values()) {
			String role = message.path("role").asString("user");
			String text = contentText(message.path("content"));
			prompt.append(text).append('\n');
			switch (role) {
				case "system", "developer" -> system = system.isEmpty() ? text : system + "\n\n" + text;
				case "tool" -> turns.add(new Turn("tool", "", List.of(),
						List.of(new ToolResult(message.path("tool_call_id").asString(""), text))));
				case "assistant" -> {
					List<ToolCall> calls = new ArrayList<>();
					for (JsonNode call : message.path("tool_calls").values()) {
						calls.add(new ToolCall(call.path("id").asString(""),
								call.path("function").path("name").asString(""),
								call.path("function").path("arguments").asString("{}")));
						prompt.append(call.path("function").path("arguments").asString("")).append('\n');
					}
					turns.add(new Turn("assistant", text, calls, List.of()));
				}
				default -> turns.add(new Turn("user", text, List.of(), List.of()));
			}
		}
		List<Tool> tools = new ArrayList<>();
		for (JsonNode tool : request.path("tools").values()) {
			JsonNode function = tool.path("function");
			JsonNode parameters = function.path("parameters");
			tools.add(new Tool(function.path("name").asString(""), function.path("description").asString(""),
					parameters.isObject() ? parameters : JsonNodeFactory.instance.objectNode()));
			prompt.append(tool).append('\n');
		}
		JsonNode choice = request.path("tool_choice");
		String toolChoice = "auto";
		if (choice.isString()) {
			toolChoice = choice.asString();
		}
		else if (choice.isObject()) {
			toolChoice = "tool:" + choice.path("function").path("name").asString("");
		}
		Integer maxTokens = null;
		if (request.path("max_completion_tokens").isNumber()) {
			maxTokens = request.path("max_completion_tokens").asInt();
		}
		else if (request.path("max_tokens").isNumber()) {
			maxTokens = request.path("max_tokens").asInt();
		}
		return new Conversation(request.path("model").asString(""), system, turns, tools, toolChoice, maxTokens,
				prompt.toString());
	}

	static Conversation fromAnthropic(JsonNode request) {
		StringBuilder prompt = new StringBuilder();
		String system = contentText(request.path("system"));
		prompt.append(system).append('\n');
		List<Turn> turns = new ArrayList<>();
		for (JsonNode message : request.path("messages").values()) {
			String role = message.path("role").asString("user");
			JsonNode content = message.path("content");
			StringBuilder text = new StringBuilder();
			List<ToolCall> calls = new ArrayList<>();
			List<ToolResult> results = new ArrayList<>();
			if (content.isString()) {
				text.append(content.asString());
			}
			for (JsonNode block : content.values()) {
				switch (block.path("type").asString("")) {
					case "text" -> text.append(block.path("text").asString(""));
					case "tool_use" -> calls.add(new ToolCall(block.path("id").asString(""),
							block.path("name").asString(""), block.path("input").toString()));
					case "tool_result" -> results.add(
							new ToolResult(block.path("tool_use_id").asString(""), contentText(block.path("content"))));
					default -> {
					}
				}
			}
			prompt.append(text).append('\n');
			calls.forEach((call) -> prompt.append(call.arguments()).append('\n'));
			results.forEach((result) -> prompt.append(result.content()).append('\n'));
			turns.add(new Turn(role, text.toString(), calls, results));
		}
		List<Tool> tools = new ArrayList<>();
		for (JsonNode tool : request.path("tools").values()) {
			JsonNode schema = tool.path("input_schema");
			tools.add(new Tool(tool.path("name").asString(""), tool.path("description").asString(""),
					schema.isObject() ? schema : JsonNodeFactory.instance.objectNode()));
			prompt.append(tool).append('\n');
		}
		JsonNode choice = request.path("tool_choice");
		String toolChoice = switch (choice.path("type").asString("auto")) {
			case "any" -> "required";
			case "none" -> "none";
			case "tool" -> "tool:" + choice.path("name").asString("");
			default -> "auto";
		};
		Integer maxTokens = request.path("max_tokens").isNumber() ? request.path("max_tokens").asInt() : null;
		return new Conversation(request.path("model").asString(""), system, turns, tools, toolChoice, maxTokens,
				prompt.toString());
	}

	private static String contentText(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content.values()) {
			if (part.isString()) {
				text.append(part.asString());
			}
			else if (part.path("type").asString("text").equals("text")) {
				text.append(part.path("text").asString(""));
			}
		}
		return text.toString();
	}

	/** A message: its role, text, tool calls (assistant) and tool results. */
	record Turn(String role, String text, List<ToolCall> toolCalls, List<ToolResult> toolResults) {
	}

	/** A tool offered to the model. */
	record Tool(String name, String description, JsonNode schema) {
	}

	/** A tool call made by the assistant, arguments as JSON text. */
	record ToolCall(String id, String name, String arguments) {
	}

	/**
	 * An unanswered tool call: the index of its assistant message (system excluded) and
	 * its id.
	 */
	record Dangling(int turn, String toolCallId) {
	}

	/** A tool result sent back to the model. */
	record ToolResult(String toolCallId, String content) {
	}

}

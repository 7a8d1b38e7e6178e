package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's messages wire format, as recorded from api.anthropic.com: the
 * {@code message} object and the SSE stream ({@code message_start},
 * {@code content_block_start}, {@code ping}, {@code content_block_delta},
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}).
 */
final class AnthropicWire {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String id;

	private final String model;

	AnthropicWire(String id, String requestedModel) {
		this.id = id;
		this.model = ModelSnapshots.snapshot(requestedModel);
	}

	/**
	 * Usage the way Anthropic reports it: {@code input_tokens} excludes tokens read from
	 * or written to the prompt cache.
	 * @param cachedPrefixTokens tokens of the prompt prefix up to the last
	 * {@code cache_control} breakpoint
	 * @param cacheHit whether that prefix was cached by an earlier request
	 */
	static Reply.Usage usage(Conversation conversation, Reply reply, int cachedPrefixTokens, boolean cacheHit) {
		int input = 4;
		for (String line : conversation.promptText().split("\n")) {
			input += 3 + TokenEstimator.count(line);
		}
		int output = TokenEstimator.count(reply.text());
		for (Conversation.ToolCall call : reply.toolCalls()) {
			output += 30 + TokenEstimator.count(call.arguments());
		}
		int cached = Math.min(cachedPrefixTokens, input);
		return new Reply.Usage(input - cached, Math.max(1, output), cacheHit ? cached : 0, cacheHit ? 0 : cached, 0);
	}

	ObjectNode message(Reply reply, Reply.Usage usage) {
		ObjectNode message = NODES.objectNode();
		message.put("id", this.id);
		message.put("type", "message");
		message.put("role", "assistant");
		message.put("model", this.model);
		ArrayNode content = message.putArray("content");
		if (!reply.text().isEmpty()) {
			content.addObject().put("type", "text").put("text", reply.text());
		}
		for (Conversation.ToolCall call : reply.toolCalls()) {
			ObjectNode toolUse = content.addObject();
			toolUse.put("type", "tool_use");
			toolUse.put("id", call.id());
			toolUse.put("name", call.name());
			toolUse.set("input", JSON.readTree(call.arguments()));
		}
		message.put("stop_reason", stopReason(reply));
		message.putNull("stop_sequence");
		message.set("usage", usage(usage, true));
		return message;
	}

	List<String> stream(Reply reply, Reply.Usage usage) {
		List<String> events = new ArrayList<>();
		ObjectNode start = NODES.objectNode();
		start.put("type", "message_start");
		ObjectNode message = start.putObject("message");
		message.put("id", this.id);
		message.put("type", "message");
		message.put("role", "assistant");
		message.put("model", this.model);
		message.putArray("content");
		message.putNull("stop_reason");
		message.putNull("stop_sequence");
		ObjectNode startUsage = usage(usage, true);
		startUsage.put("output_tokens", 1);
		message.set("usage", startUsage);
		events.add(event("message_start", start));
		int index = 0;
		if (!reply.text().isEmpty()) {
			events.add(event("content_block_start",
					NODES.objectNode()
						.put("type", "content_block_start")
						.put("index", index)
						.set("content_block", NODES.objectNode().put("type", "text").put("text", ""))));
			events.add(event("ping", NODES.objectNode().put("type", "ping")));
			for (String piece : TokenEstimator.pieces(reply.text())) {
				events.add(event("content_block_delta",
						NODES.objectNode()
							.put("type", "content_block_delta")
							.put("index", index)
							.set("delta", NODES.objectNode().put("type", "text_delta").put("text", piece))));
			}
			events.add(event("content_block_stop",
					NODES.objectNode().put("type", "content_block_stop").put("index", index)));
			index++;
		}
		for (Conversation.ToolCall call : reply.toolCalls()) {
			ObjectNode block = NODES.objectNode().put("type", "tool_use").put("id", call.id()).put("name", call.name());
			block.putObject("input");
			events.add(event("content_block_start",
					NODES.objectNode()
						.put("type", "content_block_start")
						.put("index", index)
						.set("content_block", block)));
			events.add(event("content_block_delta",
					NODES.objectNode()
						.put("type", "content_block_delta")
						.put("index", index)
						.set("delta", NODES.objectNode().put("type", "input_json_delta").put("partial_json", ""))));
			String arguments = call.arguments();
			for (int startAt = 0; startAt < arguments.length(); startAt += 12) {
				events.add(event("content_block_delta",
						NODES.objectNode()
							.put("type", "content_block_delta")
							.put("index", index)
							.set("delta", NODES.objectNode()
								.put("type", "input_json_delta")
								.put("partial_json",
										arguments.substring(startAt, Math.min(arguments.length(), startAt + 12))))));
			}
			events.add(event("content_block_stop",
					NODES.objectNode().put("type", "content_block_stop").put("index", index)));
			index++;
		}
		ObjectNode delta = NODES.objectNode().put("type", "message_delta");
		delta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
		delta.set("usage", usage(usage, false));
		events.add(event("message_delta", delta));
		events.add(event("message_stop", NODES.objectNode().put("type", "message_stop")));
		return events;
	}

	private static String stopReason(Reply reply) {
		return switch (reply.stop()) {
			case "tool_calls" -> "tool_use";
			case "length" -> "max_tokens";
			default -> "end_turn";
		};
	}

	private static ObjectNode usage(Reply.Usage usage, boolean full) {
		ObjectNode node = NODES.objectNode();
		node.put("input_tokens", usage.promptTokens());
		node.put("cache_creation_input_tokens", usage.cacheCreationTokens());
		node.put("cache_read_input_tokens", usage.cachedTokens());
		if (full) {
			node.putObject("cache_creation")
				.put("ephemeral_5m_input_tokens", usage.cacheCreationTokens())
				.put("ephemeral_1h_input_tokens", 0);
		}
		node.put("output_tokens", usage.completionTokens());
		if (full) {
			node.put("service_tier", "standard");
		}
		return node;
	}

	private static String event(String name, JsonNode data) {
		return "event: " + name + "\ndata: " + data + "\n\n";
	}

	/**
	 * The text of the prompt up to the last {@code cache_control} breakpoint, in the
	 * order Anthropic caches: tools, system, messages. Empty when there is none.
	 */
	static String cachedPrefix(JsonNode request) {
		StringBuilder text = new StringBuilder();
		int breakpoint = 0;
		for (JsonNode tool : request.path("tools").values()) {
			text.append(tool.path("name").asString("")).append(tool.path("input_schema")).append('\n');
			if (tool.has("cache_control")) {
				breakpoint = text.length();
			}
		}
		JsonNode system = request.path("system");
		if (system.isString()) {
			text.append(system.asString()).append('\n');
		}
		for (JsonNode block : system.values()) {
			text.append(block.path("text").asString("")).append('\n');
			if (block.has("cache_control")) {
				breakpoint = text.length();
			}
		}
		for (JsonNode message : request.path("messages").values()) {
			JsonNode content = message.path("content");
			if (content.isString()) {
				text.append(content.asString()).append('\n');
			}
			for (JsonNode block : content.values()) {
				text.append(block.path("text").asString(block.toString())).append('\n');
				if (block.has("cache_control")) {
					breakpoint = text.length();
				}
			}
		}
		return text.substring(0, breakpoint);
	}

}

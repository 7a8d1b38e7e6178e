package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's chat completions wire format, as recorded from api.openai.com: the
 * {@code chat.completion} object, and the {@code chat.completion.chunk} SSE stream with a
 * final usage-only chunk when {@code stream_options.include_usage} is set.
 */
final class OpenAiWire {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String id;

	private final String model;

	private final String systemFingerprint;

	private final long created;

	OpenAiWire(String id, String requestedModel, String systemFingerprint, long created) {
		this.id = id;
		this.model = ModelSnapshots.snapshot(requestedModel);
		this.systemFingerprint = systemFingerprint;
		this.created = created;
	}

	static Reply.Usage usage(Conversation conversation, Reply reply, int cachedTokens) {
		int prompt = 3;
		for (String line : conversation.promptText().split("\n")) {
			prompt += 4 + TokenEstimator.count(line);
		}
		int completion = TokenEstimator.count(reply.text());
		for (Conversation.ToolCall call : reply.toolCalls()) {
			completion += 7 + TokenEstimator.count(call.name()) + TokenEstimator.count(call.arguments());
		}
		int reasoning = ModelSnapshots.isReasoningModel(conversation.model()) ? 64 * (1 + completion / 32) : 0;
		return new Reply.Usage(prompt, Math.max(1, completion) + reasoning, Math.min(cachedTokens, prompt), 0,
				reasoning);
	}

	ObjectNode completion(Reply reply, Reply.Usage usage) {
		ObjectNode completion = NODES.objectNode();
		completion.put("id", this.id);
		completion.put("object", "chat.completion");
		completion.put("created", this.created);
		completion.put("model", this.model);
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		if (reply.toolCalls().isEmpty()) {
			message.put("content", reply.text());
		}
		else {
			message.putNull("content");
			ArrayNode calls = message.putArray("tool_calls");
			for (Conversation.ToolCall call : reply.toolCalls()) {
				ObjectNode toolCall = calls.addObject();
				toolCall.put("id", call.id());
				toolCall.put("type", "function");
				toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
			}
		}
		message.putNull("refusal");
		message.putArray("annotations");
		choice.putNull("logprobs");
		choice.put("finish_reason", reply.stop());
		completion.set("usage", usage(usage));
		completion.put("service_tier", "default");
		completion.put("system_fingerprint", this.systemFingerprint);
		return completion;
	}

	/** The SSE events of a streamed completion, {@code data: [DONE]} included. */
	List<String> stream(Reply reply, Reply.Usage usage, JsonNode request) {
		boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
		boolean obfuscation = includeUsage
				&& request.path("stream_options").path("include_obfuscation").asBoolean(true);
		List<String> events = new ArrayList<>();
		if (reply.toolCalls().isEmpty()) {
			ObjectNode first = NODES.objectNode().put("role", "assistant").put("content", "");
			first.putNull("refusal");
			events.add(chunk(first, null, includeUsage, obfuscation, events.size()));
			for (String piece : TokenEstimator.pieces(reply.text())) {
				events.add(chunk(NODES.objectNode().put("content", piece), null, includeUsage, obfuscation,
						events.size()));
			}
		}
		else {
			for (int i = 0; i < reply.toolCalls().size(); i++) {
				Conversation.ToolCall call = reply.toolCalls().get(i);
				ObjectNode delta = NODES.objectNode();
				if (i == 0) {
					delta.put("role", "assistant");
					delta.putNull("content");
				}
				ObjectNode toolCall = delta.putArray("tool_calls").addObject();
				toolCall.put("index", i);
				toolCall.put("id", call.id());
				toolCall.put("type", "function");
				toolCall.putObject("function").put("name", call.name()).put("arguments", "");
				if (i == 0) {
					delta.putNull("refusal");
				}
				events.add(chunk(delta, null, includeUsage, obfuscation, events.size()));
				for (String piece : argumentPieces(call.arguments())) {
					ObjectNode argumentDelta = NODES.objectNode();
					argumentDelta.putArray("tool_calls")
						.addObject()
						.put("index", i)
						.putObject("function")
						.put("arguments", piece);
					events.add(chunk(argumentDelta, null, includeUsage, obfuscation, events.size()));
				}
			}
		}
		events.add(chunk(NODES.objectNode(), reply.stop(), includeUsage, obfuscation, events.size()));
		if (includeUsage) {
			ObjectNode last = base();
			last.putArray("choices");
			last.set("usage", usage(usage));
			if (obfuscation) {
				last.put("obfuscation", obfuscation(events.size()));
			}
			events.add("data: " + last + "\n\n");
		}
		events.add("data: [DONE]\n\n");
		return events;
	}

	private String chunk(ObjectNode delta, String finishReason, boolean includeUsage, boolean obfuscation, int index) {
		ObjectNode chunk = base();
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		if (includeUsage) {
			chunk.putNull("usage");
		}
		if (obfuscation) {
			chunk.put("obfuscation", obfuscation(index));
		}
		return "data: " + chunk + "\n\n";
	}

	private ObjectNode base() {
		ObjectNode chunk = NODES.objectNode();
		chunk.put("id", this.id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", this.created);
		chunk.put("model", this.model);
		chunk.put("service_tier", "default");
		chunk.put("system_fingerprint", this.systemFingerprint);
		return chunk;
	}

	private static ObjectNode usage(Reply.Usage usage) {
		ObjectNode node = NODES.objectNode();
		node.put("prompt_tokens", usage.promptTokens());
		node.put("completion_tokens", usage.completionTokens());
		node.put("total_tokens", usage.totalTokens());
		node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens()).put("audio_tokens", 0);
		node.putObject("completion_tokens_details")
			.put("reasoning_tokens", usage.reasoningTokens())
			.put("audio_tokens", 0)
			.put("accepted_prediction_tokens", 0)
			.put("rejected_prediction_tokens", 0);
		return node;
	}

	/** JSON arguments split the way the API streams them: a few characters at a time. */
	private static List<String> argumentPieces(String arguments) {
		List<String> pieces = new ArrayList<>();
		for (int start = 0; start < arguments.length(); start += 6) {
			pieces.add(arguments.substring(start, Math.min(arguments.length(), start + 6)));
		}
		return pieces;
	}

	private static String obfuscation(int index) {
		String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		StringBuilder padding = new StringBuilder();
		for (int i = 0; i < 4 + (index % 9); i++) {
			padding.append(alphabet.charAt((index * 31 + i * 7) % alphabet.length()));
		}
		return padding.toString();
	}

}

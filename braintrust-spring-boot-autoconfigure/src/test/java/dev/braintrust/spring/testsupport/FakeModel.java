package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decides what the fake model says: a tool call when tools are offered, the final answer
 * once tool results came back, otherwise the answer to the last user message.
 */
final class FakeModel {

	private final Map<String, String> extraAnswers;

	private final ToolArgumentGenerator arguments;

	private final Supplier<@Nullable JsonNode> queuedArguments;

	FakeModel(Map<String, String> extraAnswers, Map<String, String> enumChoices,
			Supplier<@Nullable JsonNode> queuedArguments) {
		this.extraAnswers = extraAnswers;
		this.arguments = new ToolArgumentGenerator(enumChoices);
		this.queuedArguments = queuedArguments;
	}

	Reply reply(Conversation conversation, Supplier<String> toolCallIds, boolean preambleBeforeToolUse) {
		List<Conversation.ToolResult> results = conversation.trailingToolResults();
		String question = conversation.lastUserText();
		if (!results.isEmpty()) {
			List<String> names = new ArrayList<>();
			List<String> contents = new ArrayList<>();
			for (Conversation.ToolResult result : results) {
				names.add(conversation.toolNameFor(result.toolCallId()));
				contents.add(result.content());
			}
			return limit(conversation, FakeAnswers.answerFromToolResults(question, names, contents));
		}
		if (!conversation.tools().isEmpty() && !conversation.toolChoice().equals("none")) {
			Conversation.Tool tool = chooseTool(conversation);
			JsonNode queued = this.queuedArguments.get();
			String args = ((queued != null) ? queued : this.arguments.arguments(tool.schema(), question)).toString();
			String preamble = preambleBeforeToolUse ? "I'll use the " + tool.name() + " tool to answer that." : "";
			return new Reply(preamble, List.of(new Conversation.ToolCall(toolCallIds.get(), tool.name(), args)),
					"tool_calls");
		}
		return limit(conversation, FakeAnswers.answer(question, this.extraAnswers));
	}

	private static Reply limit(Conversation conversation, String text) {
		Integer maxTokens = conversation.maxTokens();
		if (maxTokens != null && TokenEstimator.count(text) > maxTokens) {
			return new Reply(TokenEstimator.truncate(text, maxTokens), List.of(), "length");
		}
		return new Reply(text, List.of(), "stop");
	}

	/**
	 * The named tool, or the tool whose name and description share most words with the
	 * question.
	 */
	private static Conversation.Tool chooseTool(Conversation conversation) {
		if (conversation.toolChoice().startsWith("tool:")) {
			String name = conversation.toolChoice().substring("tool:".length());
			for (Conversation.Tool tool : conversation.tools()) {
				if (tool.name().equals(name)) {
					return tool;
				}
			}
		}
		Set<String> questionWords = words(conversation.lastUserText());
		Conversation.Tool best = conversation.tools().get(0);
		int bestScore = -1;
		for (Conversation.Tool tool : conversation.tools()) {
			int score = 0;
			for (String word : words(tool.name().replaceAll("([a-z])([A-Z])", "$1 $2") + " " + tool.description())) {
				if (word.length() > 2 && questionWords.contains(word)) {
					score++;
				}
			}
			if (score > bestScore) {
				best = tool;
				bestScore = score;
			}
		}
		return best;
	}

	private static Set<String> words(String text) {
		return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
	}

}

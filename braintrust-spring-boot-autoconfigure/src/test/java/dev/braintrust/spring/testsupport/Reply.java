package dev.braintrust.spring.testsupport;

import java.util.List;

/**
 * What the fake model answers: text, tool calls, or both, and why it stopped.
 *
 * @param text the text, possibly empty
 * @param toolCalls the tool calls, arguments as JSON text
 * @param stop {@code stop}, {@code tool_calls} or {@code length}
 */
record Reply(String text, List<Conversation.ToolCall> toolCalls, String stop) {

	/** Usage as both APIs count it. */
	record Usage(int promptTokens, int completionTokens, int cachedTokens, int cacheCreationTokens,
			int reasoningTokens) {

		int totalTokens() {
			return this.promptTokens + this.completionTokens;
		}

	}

}

package dev.braintrust.spring.eval.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One case (one trace) of an experiment, reduced to what a summary needs.
 *
 * @param input the case input, which matches cases across experiments
 * @param scores the scores recorded anywhere in the trace; a null value means "not
 * applicable"
 * @param durationSeconds the root span's duration, if it has a start and an end
 * @param llmCalls the number of LLM spans in the trace, scorer LLM calls excluded
 * @param promptTokens the prompt tokens of those LLM spans
 * @param completionTokens the completion tokens of those LLM spans
 * @param totalTokens the total tokens of those LLM spans
 * @param error whether the case failed
 * @author Braintrust
 * @since 0.1.0
 */
public record CaseRecord(JsonNode input, Map<String, @Nullable Double> scores, @Nullable Double durationSeconds,
		int llmCalls, long promptTokens, long completionTokens, long totalTokens, boolean error) {

	/**
	 * Create a record, copying the scores.
	 * @param input the input
	 * @param scores the scores
	 * @param durationSeconds the duration
	 * @param llmCalls the LLM calls
	 * @param promptTokens the prompt tokens
	 * @param completionTokens the completion tokens
	 * @param totalTokens the total tokens
	 * @param error whether the case failed
	 */
	public CaseRecord {
		scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
	}

}

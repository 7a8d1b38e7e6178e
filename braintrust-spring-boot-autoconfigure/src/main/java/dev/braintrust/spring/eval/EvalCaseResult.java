package dev.braintrust.spring.eval;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one case (and one trial) of a run.
 *
 * @param caseIndex the case's position in the data, from 0
 * @param trialIndex the trial, from 0
 * @param input the input
 * @param expected the expected output
 * @param output the task's output, null when it failed
 * @param scores the scores, by name (a null score means "not applicable")
 * @param error the task's exception (the very object the task threw), an
 * {@link EvalCaseTimeoutException}, or null when the task succeeded
 * @param scorerErrors the stack traces of scorers that failed, by scorer name
 * @param metadata the case's metadata, with what the task added
 * @param tags the case's tags, with what the task added
 * @param duration how long the case took, task and scorers
 * @param rootSpanId the trace id of the case's spans
 * @param spanId the span id of the case's eval span
 * @author Braintrust
 * @since 0.1.0
 */
public record EvalCaseResult(int caseIndex, int trialIndex, @Nullable Object input, @Nullable Object expected,
		@Nullable Object output, Map<String, @Nullable Double> scores, @Nullable Throwable error,
		Map<String, String> scorerErrors, Map<String, @Nullable Object> metadata, List<String> tags, Duration duration,
		String rootSpanId, String spanId) {

	/**
	 * Create a result, copying the collections.
	 * @param caseIndex the case index
	 * @param trialIndex the trial index
	 * @param input the input
	 * @param expected the expected output
	 * @param output the output
	 * @param scores the scores
	 * @param error the error
	 * @param scorerErrors the scorer errors
	 * @param metadata the metadata
	 * @param tags the tags
	 * @param duration the duration
	 * @param rootSpanId the trace id
	 * @param spanId the eval span id
	 */
	public EvalCaseResult {
		scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
		scorerErrors = Collections.unmodifiableMap(new LinkedHashMap<>(scorerErrors));
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		tags = List.copyOf(tags);
	}

	/**
	 * Whether the task failed or timed out.
	 * @return true when the case has an error
	 */
	public boolean failed() {
		return this.error != null;
	}

	/**
	 * Whether the task timed out.
	 * @return true when the case timed out
	 */
	public boolean timedOut() {
		return this.error instanceof EvalCaseTimeoutException;
	}

}

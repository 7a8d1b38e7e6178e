package dev.braintrust.spring.eval;

import java.util.List;

/**
 * The outcome of checking a run against its {@link EvalThresholds}.
 *
 * @param failures what failed, one message per threshold; empty when the run passed
 * @author Braintrust
 * @since 0.1.0
 */
public record ThresholdResult(List<String> failures) {

	/**
	 * Create a result, copying the failures.
	 * @param failures the failures
	 */
	public ThresholdResult {
		failures = List.copyOf(failures);
	}

	/**
	 * Whether every threshold held.
	 * @return true when passed
	 */
	public boolean passed() {
		return this.failures.isEmpty();
	}

}

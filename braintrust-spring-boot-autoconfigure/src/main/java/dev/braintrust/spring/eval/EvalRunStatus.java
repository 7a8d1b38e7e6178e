package dev.braintrust.spring.eval;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a run of an eval stands: running, with its progress, or finished, with its result
 * or the error that stopped it.
 *
 * @param id the run's id, given when it started
 * @param evalName the eval
 * @param state running, completed or failed
 * @param startedAt when the run started
 * @param finishedAt when it finished, null while it runs
 * @param experimentName the experiment it writes to, once known
 * @param totalCases the number of cases times the trial count, once known (else 0)
 * @param completedCases the cases (trials) finished so far
 * @param failedCases the cases whose task failed so far
 * @param result the result of a completed run
 * @param error why a failed run stopped
 * @author Braintrust
 * @since 0.1.0
 */
public record EvalRunStatus(String id, String evalName, State state, Instant startedAt, @Nullable Instant finishedAt,
		@Nullable String experimentName, int totalCases, int completedCases, int failedCases,
		@Nullable EvalResult result, @Nullable String error) {

	/**
	 * Whether the run is still going.
	 * @return true while it runs
	 */
	public boolean running() {
		return this.state == State.RUNNING;
	}

	/**
	 * The state of a run.
	 */
	public enum State {

		/**
		 * The run is going.
		 */
		RUNNING,

		/**
		 * The run finished and has a result (which may have failed its thresholds).
		 */
		COMPLETED,

		/**
		 * The run stopped with an error before it had a result.
		 */
		FAILED

	}

}

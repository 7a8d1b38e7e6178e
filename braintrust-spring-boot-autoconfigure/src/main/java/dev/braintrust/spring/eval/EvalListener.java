package dev.braintrust.spring.eval;

/**
 * Follows eval runs: their start, each finished case, progress reported by tasks, and
 * their end (the SDKs' reporters and progress streams). Exceptions thrown by a listener
 * are logged and otherwise ignored. Listeners are called from the runner's threads, so
 * {@link #caseCompleted} may be called concurrently.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface EvalListener {

	/**
	 * A run started.
	 * @param evalName the eval
	 * @param experimentName the experiment it writes to
	 * @param totalCases the number of cases times the trial count
	 */
	default void runStarted(String evalName, String experimentName, int totalCases) {
	}

	/**
	 * A case (one trial) finished.
	 * @param evalName the eval
	 * @param result the case
	 */
	default void caseCompleted(String evalName, EvalCaseResult result) {
	}

	/**
	 * A task reported progress through {@link EvalHooks#reportProgress(Object)}.
	 * @param evalName the eval
	 * @param caseIndex the case
	 * @param trialIndex the trial
	 * @param event what the task reported
	 */
	default void taskProgress(String evalName, int caseIndex, int trialIndex, Object event) {
	}

	/**
	 * A run finished.
	 * @param result the result
	 */
	default void runCompleted(EvalResult result) {
	}

}

package dev.braintrust.spring.eval;

import java.time.Duration;

/**
 * Recorded on a case whose task ran longer than the eval's timeout and was cancelled.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class EvalCaseTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Duration timeout;

	/**
	 * Create an exception.
	 * @param evalName the eval
	 * @param caseIndex the case
	 * @param trialIndex the trial
	 * @param timeout the timeout that passed
	 */
	public EvalCaseTimeoutException(String evalName, int caseIndex, int trialIndex, Duration timeout) {
		super("The task of eval '" + evalName + "' timed out on case " + caseIndex + " (trial " + trialIndex
				+ ") after " + timeout.toMillis() + " ms and was cancelled");
		this.timeout = timeout;
	}

	/**
	 * The timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}

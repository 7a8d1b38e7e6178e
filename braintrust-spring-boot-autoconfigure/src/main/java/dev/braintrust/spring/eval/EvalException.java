package dev.braintrust.spring.eval;

/**
 * Thrown when an eval cannot run at all: it is not registered, its definition cannot be
 * created, or its data cannot be read. Failures of single cases never throw; they are
 * recorded on the cases.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class EvalException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the cause, or null
	 */
	public EvalException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message what went wrong
	 */
	public EvalException(String message) {
		super(message);
	}

}

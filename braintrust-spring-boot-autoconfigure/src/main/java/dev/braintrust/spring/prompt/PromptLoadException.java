package dev.braintrust.spring.prompt;

import org.jspecify.annotations.Nullable;

/**
 * A prompt could not be loaded. {@link PromptLoader}s throw it when their source cannot
 * answer (Braintrust unreachable, an error status, an unreadable resource).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class PromptLoadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the cause, or null
	 */
	public PromptLoadException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.braintrust.spring.prompt;

/**
 * A prompt could not be loaded from Braintrust and is neither in the prompt cache nor in
 * the prompt resources.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class PromptUnavailableException extends PromptLoadException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message, naming the prompt
	 * @param cause why Braintrust could not be used
	 */
	public PromptUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}

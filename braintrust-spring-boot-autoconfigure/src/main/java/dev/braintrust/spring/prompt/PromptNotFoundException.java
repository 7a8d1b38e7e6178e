package dev.braintrust.spring.prompt;

/**
 * No prompt matches a {@link PromptRequest}: Braintrust (or the prompt resources)
 * answered that it does not exist.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class PromptNotFoundException extends PromptLoadException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message, naming the prompt
	 */
	public PromptNotFoundException(String message) {
		super(message, null);
	}

}

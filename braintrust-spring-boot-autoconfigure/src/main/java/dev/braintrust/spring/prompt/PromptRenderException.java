package dev.braintrust.spring.prompt;

import org.jspecify.annotations.Nullable;

/**
 * A prompt template could not be rendered: a variable is missing in strict mode, the
 * template is malformed, or its format is not supported.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class PromptRenderException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String variable;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param variable the missing variable, if that is the cause
	 * @param cause the cause, or null
	 */
	public PromptRenderException(String message, @Nullable String variable, @Nullable Throwable cause) {
		super(message, cause);
		this.variable = variable;
	}

	/**
	 * The variable that was missing, when that is why rendering failed.
	 * @return the variable name, or null
	 */
	public @Nullable String getVariable() {
		return this.variable;
	}

}

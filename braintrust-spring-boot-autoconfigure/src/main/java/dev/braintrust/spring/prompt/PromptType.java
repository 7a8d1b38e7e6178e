package dev.braintrust.spring.prompt;

/**
 * The kind of a prompt's template block ({@code prompt_data.prompt.type}).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public enum PromptType {

	/**
	 * A list of chat messages, with optional tools.
	 */
	CHAT,

	/**
	 * A single completion text.
	 */
	COMPLETION

}

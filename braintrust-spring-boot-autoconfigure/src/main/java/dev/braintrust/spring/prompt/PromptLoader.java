package dev.braintrust.spring.prompt;

import java.util.Optional;

/**
 * A source of prompts: Braintrust's REST API ({@link HttpPromptLoader}) or resources
 * ({@link ResourcePromptLoader}).
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface PromptLoader {

	/**
	 * Load a prompt.
	 * @param request which prompt; its project is set unless it is a request by id
	 * @return the prompt, or empty when the source has no such prompt
	 * @throws PromptLoadException when the source cannot answer
	 */
	Optional<BraintrustPrompt> load(PromptRequest request);

}

package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Makes a chat model call one named tool, as autoevals' judges do with
 * {@code tool_choice}. Spring AI has no provider-neutral way to force a tool, so each
 * provider's options are changed in their own way; {@link #providerDefault()} knows
 * OpenAI's and Anthropic's. For another provider, supply an implementation with
 * {@link LlmClassifier#withToolChoice(ForcedToolChoice)}; without one, the judge's prompt
 * still asks the model to call the tool, and a reply without the call is reported as an
 * error.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface ForcedToolChoice {

	/**
	 * Options that force the named tool.
	 * @param options the request's options, built by the chat model
	 * @param toolName the tool to force
	 * @return options that force the tool, or {@code options} itself when this provider
	 * is not supported
	 */
	ChatOptions force(ChatOptions options, String toolName);

	/**
	 * Force the tool on OpenAI ({@code tool_choice: {type: function, function: {name}}})
	 * and Anthropic ({@code tool_choice: {type: tool, name}}) chat models, and leave
	 * other providers' options unchanged.
	 * @return the strategy
	 */
	static ForcedToolChoice providerDefault() {
		return ProviderToolChoice.INSTANCE;
	}

	/**
	 * Leave the options unchanged: the prompt alone asks for the tool.
	 * @return the strategy
	 */
	static ForcedToolChoice none() {
		return (options, toolName) -> options;
	}

}

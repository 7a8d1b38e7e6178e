package dev.braintrust.spring.ai;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;

/**
 * One model call as a {@link BraintrustAdvisorLogConvention} sees it: the prompt sent,
 * the provider, whether it streamed and, once it ended, the response (for a stream, the
 * chunks aggregated into one response).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustAdvisorLogContext {

	private final Prompt prompt;

	private final String provider;

	private final boolean streaming;

	private final @Nullable ChatResponse response;

	/**
	 * Create a context.
	 * @param prompt the prompt sent to the model
	 * @param provider the provider, such as {@code openai} or {@code anthropic}
	 * @param streaming whether the call streamed
	 * @param response the response, or null before it arrived or when the call failed
	 */
	public BraintrustAdvisorLogContext(Prompt prompt, String provider, boolean streaming,
			@Nullable ChatResponse response) {
		Assert.notNull(prompt, "'prompt' must not be null");
		Assert.notNull(provider, "'provider' must not be null");
		this.prompt = prompt;
		this.provider = provider;
		this.streaming = streaming;
		this.response = response;
	}

	/**
	 * The prompt sent to the model.
	 * @return the prompt, with the options the model received
	 */
	public Prompt getPrompt() {
		return this.prompt;
	}

	/**
	 * The provider.
	 * @return e.g. {@code openai}, {@code anthropic}, {@code ollama}
	 */
	public String getProvider() {
		return this.provider;
	}

	/**
	 * Whether the call streamed.
	 * @return true for {@code stream()} calls
	 */
	public boolean isStreaming() {
		return this.streaming;
	}

	/**
	 * The response.
	 * @return the response (aggregated for streams), or null
	 */
	public @Nullable ChatResponse getResponse() {
		return this.response;
	}

	/**
	 * The same call with its response.
	 * @param response the response
	 * @return a new context
	 */
	public BraintrustAdvisorLogContext withResponse(@Nullable ChatResponse response) {
		return new BraintrustAdvisorLogContext(this.prompt, this.provider, this.streaming, response);
	}

}

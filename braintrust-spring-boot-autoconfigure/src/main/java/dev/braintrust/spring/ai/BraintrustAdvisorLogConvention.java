package dev.braintrust.spring.ai;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.Prompt;

/**
 * Maps a model call to the fields of its Braintrust {@code llm} span, in the manner of a
 * Micrometer observation convention: declare a bean (usually a subclass of
 * {@link DefaultBraintrustAdvisorLogConvention}) to rename spans, reshape input and
 * output, or add metadata, instead of subclassing the advisor. Implementations must not
 * throw; a failure is logged and the field is left out.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface BraintrustAdvisorLogConvention {

	/**
	 * The provider of the model the prompt is sent to, written to
	 * {@code metadata.provider}; it also decides the shape of input and output.
	 * @param prompt the prompt, with the model's options
	 * @return e.g. {@code openai}, {@code anthropic}
	 */
	String provider(Prompt prompt);

	/**
	 * The span name.
	 * @param context the call
	 * @return e.g. {@code Chat Completion} or {@code anthropic.messages.create}
	 */
	String spanName(BraintrustAdvisorLogContext context);

	/**
	 * The span input: the messages sent, in the provider's shape.
	 * @param context the call
	 * @return the input, or null for none
	 */
	@Nullable Object input(BraintrustAdvisorLogContext context);

	/**
	 * The span output: the model's answer, in the provider's shape.
	 * @param context the call, with its response
	 * @return the output, or null for none
	 */
	@Nullable Object output(BraintrustAdvisorLogContext context);

	/**
	 * The span metadata: {@code model}, {@code provider}, the request options and tool
	 * definitions.
	 * @param context the call, with its response once it ended
	 * @return the metadata
	 */
	Map<String, Object> metadata(BraintrustAdvisorLogContext context);

	/**
	 * The token metrics the provider reported, such as {@code prompt_tokens},
	 * {@code completion_tokens}, {@code tokens} and {@code prompt_cached_tokens}. Timing
	 * metrics are added by the advisor.
	 * @param context the call, with its response
	 * @return the metrics, without any the provider did not report
	 */
	Map<String, Number> metrics(BraintrustAdvisorLogContext context);

}

package dev.braintrust.spring.sample.support;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The assistant's answer.
 *
 * @param answer the answer, citations removed
 * @param sources where it came from: {@code faq:<id>} for each FAQ entry cited,
 * {@code order:<id>} for each order looked up
 * @param toolCalls the tools the model called
 * @param model the model that answered, as it named itself
 * @param traceId the {@code root_span_id} of the request's trace in Braintrust (null
 * outside a request, or when Braintrust is disabled)
 * @author Braintrust
 */
public record AskResponse(String answer, List<String> sources, List<ToolCallRecord> toolCalls, @Nullable String model,
		@Nullable String traceId) {

	/**
	 * This answer with a trace id.
	 * @param traceId the trace id
	 * @return a copy
	 */
	public AskResponse withTraceId(@Nullable String traceId) {
		return new AskResponse(this.answer, this.sources, this.toolCalls, this.model, traceId);
	}

}

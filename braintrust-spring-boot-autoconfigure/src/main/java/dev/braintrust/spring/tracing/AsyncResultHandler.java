package dev.braintrust.spring.tracing;

import org.jspecify.annotations.Nullable;

/**
 * Ends the span of a traced method whose declared return type is asynchronous when the
 * asynchronous work ends, not when the method returns. Handlers are consulted in order
 * and the first that {@link #supports supports} the declared return type is used. Declare
 * one as a bean to support another asynchronous type; the rules are those of
 * OpenTelemetry's {@code AsyncOperationEndStrategy}: end exactly once, treat cancellation
 * as an end, and never make the span current on the thread that completes the work.
 *
 * @author Braintrust
 * @since 0.1.0
 * @see CompletionStageResultHandler
 * @see ReactorResultHandler
 */
public interface AsyncResultHandler {

	/**
	 * Whether this handler handles methods with the given declared return type.
	 * @param declaredReturnType the method's declared return type
	 * @return true to handle it
	 */
	boolean supports(Class<?> declaredReturnType);

	/**
	 * Arrange for the completion to be called when the work behind {@code result} ends.
	 * Implementations must not throw and must call the completion at most once (it
	 * ignores later calls).
	 * @param result what the method returned (possibly null)
	 * @param completion ends the span with the output, an error or a cancellation
	 * @return the value to return to the caller: {@code result} itself, or a wrapper of
	 * the same type that observes it
	 */
	@Nullable Object handle(@Nullable Object result, SpanCompletion completion);

}

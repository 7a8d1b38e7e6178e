package dev.braintrust.spring.tracing;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Ends the span of a method declared to return a {@link CompletionStage} (such as a
 * {@code CompletableFuture}) when the stage completes. The stage returned to the caller
 * is the method's own, so cancelling it still cancels the work; a cancellation ends the
 * span as cancelled.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class CompletionStageResultHandler implements AsyncResultHandler, Ordered {

	@Override
	public boolean supports(Class<?> declaredReturnType) {
		return CompletionStage.class.isAssignableFrom(declaredReturnType);
	}

	@Override
	public @Nullable Object handle(@Nullable Object result, SpanCompletion completion) {
		if (!(result instanceof CompletionStage<?> stage)) {
			completion.complete(result);
			return result;
		}
		try {
			stage.whenComplete((value, error) -> {
				if (error == null) {
					completion.complete(value);
					return;
				}
				Throwable cause = unwrap(error);
				if (cause instanceof CancellationException) {
					completion.cancel(null);
				}
				else {
					completion.fail(cause);
				}
			});
		}
		catch (RuntimeException ex) {
			// a stage that refuses callbacks: end now rather than never
			completion.complete(null);
		}
		return result;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

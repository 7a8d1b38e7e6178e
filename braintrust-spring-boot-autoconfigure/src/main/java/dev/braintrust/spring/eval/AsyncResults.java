package dev.braintrust.spring.eval;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Turns what a task returned into a future when it is asynchronous: a
 * {@link CompletionStage}, or a Reactor {@code Mono} or {@code Flux} when Reactor is on
 * the classpath.
 *
 * @author Braintrust
 */
final class AsyncResults {

	private static final @Nullable Class<?> MONO = load("reactor.core.publisher.Mono");

	private static final @Nullable Class<?> FLUX = load("reactor.core.publisher.Flux");

	private AsyncResults() {
	}

	/**
	 * A future of an asynchronous result.
	 * @param value what the task returned
	 * @return a future completing with the output, or null when the value is the output
	 */
	static @Nullable CompletableFuture<@Nullable Object> toFuture(@Nullable Object value) {
		if (value instanceof CompletionStage<?> stage) {
			@SuppressWarnings("unchecked")
			CompletableFuture<@Nullable Object> future = (CompletableFuture<@Nullable Object>) stage
				.toCompletableFuture();
			return future;
		}
		if (MONO != null && MONO.isInstance(value)) {
			return ReactorResults.monoToFuture(value);
		}
		if (FLUX != null && FLUX.isInstance(value)) {
			return ReactorResults.fluxToFuture(value);
		}
		return null;
	}

	/**
	 * The exception a task failed with, unwrapped from the wrappers of futures.
	 * @param ex the exception
	 * @return the task's own exception
	 */
	static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static @Nullable Class<?> load(String name) {
		try {
			return Class.forName(name, false, AsyncResults.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}

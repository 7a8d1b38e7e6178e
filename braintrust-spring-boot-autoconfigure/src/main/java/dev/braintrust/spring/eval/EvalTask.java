package dev.braintrust.spring.eval;

import org.jspecify.annotations.Nullable;

/**
 * The code under evaluation: turns a case's input into an output. It may return the
 * output itself, a {@link java.util.concurrent.CompletionStage} of it, or (with Reactor
 * on the classpath) a {@code Mono} of it (or a {@code Flux}, whose items are collected
 * into a list).
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface EvalTask<I, O> {

	/**
	 * Run the task on one case.
	 * @param input the input
	 * @param hooks the case's hooks
	 * @return the output, or a stage or {@code Mono} of it
	 * @throws Exception when the task fails; the case records the exception
	 */
	@Nullable Object run(I input, EvalHooks<O> hooks) throws Exception;

}

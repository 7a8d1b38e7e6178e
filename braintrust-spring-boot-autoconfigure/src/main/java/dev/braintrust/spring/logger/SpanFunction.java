package dev.braintrust.spring.logger;

/**
 * Work run inside a span by {@link BraintrustLogger#traced}.
 *
 * @param <T> the result type
 * @param <E> the exception the work may throw; it passes through unchanged
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface SpanFunction<T, E extends Throwable> {

	/**
	 * Run the work.
	 * @param span the span, current while the work runs
	 * @return the result
	 * @throws E the work's own exception
	 */
	T apply(Span span) throws E;

}

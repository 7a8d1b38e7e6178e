package dev.braintrust.spring.logger;

/**
 * The time a span is current on a thread. Closing it restores the previous current span;
 * it does not end the span.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface SpanScope extends AutoCloseable {

	/**
	 * Restore the previous current span.
	 */
	@Override
	void close();

}

package dev.braintrust.spring.logger;

import org.jspecify.annotations.Nullable;

/**
 * Holds the current span of each thread. The tracing integration registers it with
 * Micrometer's context-propagation library, so it follows work to executors,
 * {@code @Async} methods and Reactor.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class CurrentSpan {

	private static final ThreadLocal<@Nullable Span> CURRENT = new ThreadLocal<>();

	private CurrentSpan() {
	}

	/**
	 * The current span.
	 * @return the current span, or the no-op span when there is none
	 */
	public static Span get() {
		Span span = CURRENT.get();
		return (span != null) ? span : Span.noop();
	}

	/**
	 * The current span, if any.
	 * @return the current span or null
	 */
	public static @Nullable Span getOrNull() {
		return CURRENT.get();
	}

	/**
	 * Make a span current until the returned scope is closed.
	 * @param span the span, or null to clear the current span
	 * @return the scope that restores the previous one
	 */
	public static SpanScope set(@Nullable Span span) {
		Span previous = CURRENT.get();
		setRaw((span != null && span.isNoop()) ? null : span);
		return () -> setRaw(previous);
	}

	/**
	 * Set the current span without a scope, for context-propagation accessors.
	 * @param span the span, or null to clear it
	 */
	public static void setRaw(@Nullable Span span) {
		if (span == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(span);
		}
	}

}

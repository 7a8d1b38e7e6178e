package dev.braintrust.spring.tracing;

import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Lets Micrometer's context-propagation library carry the {@link CurrentSpan} to other
 * threads: executors decorated with Spring's {@code ContextPropagatingTaskDecorator}
 * (Spring Boot's {@code spring.task.execution.propagate-context=true}), {@code @Async}
 * methods, virtual-thread executors, and Reactor with automatic context propagation. It
 * is registered through {@code META-INF/services}, so that
 * {@link ContextRegistry#getInstance()} knows it without Spring, and again by the
 * auto-configuration.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class CurrentSpanThreadLocalAccessor implements ThreadLocalAccessor<Span> {

	/**
	 * The key of the current span in a context snapshot and in a Reactor context.
	 */
	public static final String KEY = "braintrust.span";

	/**
	 * Register an accessor with the global {@link ContextRegistry}, replacing any
	 * accessor with the same key.
	 */
	public static void register() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new CurrentSpanThreadLocalAccessor());
	}

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable Span getValue() {
		return CurrentSpan.getOrNull();
	}

	@Override
	public void setValue(Span value) {
		CurrentSpan.setRaw(value.isNoop() ? null : value);
	}

	@Override
	public void setValue() {
		CurrentSpan.setRaw(null);
	}

}

package dev.braintrust.spring.boot.autoconfigure.tracing;

import dev.braintrust.spring.tracing.CurrentSpanThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;

/**
 * Marks that {@link CurrentSpanThreadLocalAccessor} is registered with the global
 * {@link ContextRegistry}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class CurrentSpanContextRegistration {

	/**
	 * Whether the global registry knows the current span.
	 * @return true when an accessor for {@link CurrentSpanThreadLocalAccessor#KEY} is
	 * registered
	 */
	public boolean isRegistered() {
		return ContextRegistry.getInstance()
			.getThreadLocalAccessors()
			.stream()
			.anyMatch((accessor) -> CurrentSpanThreadLocalAccessor.KEY.equals(accessor.key()));
	}

}

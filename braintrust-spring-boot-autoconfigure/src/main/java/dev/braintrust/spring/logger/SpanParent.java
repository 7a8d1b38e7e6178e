package dev.braintrust.spring.logger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parent that is not a live {@link Span} of this process: a span exported by another
 * service or process, or an object to start a root span in.
 *
 * @param target the object the child's rows go to
 * @param spanId the parent span's id, or null to start a root span in {@code target}
 * @param rootSpanId the parent's trace id, or null to start a root span in {@code target}
 * @param propagatedEvent fields every descendant inherits, or null
 * @author Braintrust
 * @since 0.1.0
 */
public record SpanParent(ObjectRef target, @Nullable String spanId, @Nullable String rootSpanId,
		@Nullable ObjectNode propagatedEvent) {

	/**
	 * Whether this parent names a span, not only an object.
	 * @return true when both span ids are present
	 */
	public boolean hasSpan() {
		return this.spanId != null && this.rootSpanId != null;
	}

	/**
	 * Parse a span exported with {@link Span#export()} (or by another Braintrust SDK).
	 * @param exported the exported string
	 * @return the parent
	 * @throws IllegalArgumentException when the string is not an exported span
	 */
	public static SpanParent fromExported(String exported) {
		SpanComponents components = SpanComponents.parse(exported);
		return new SpanParent(components.toObjectRef(), components.spanId(), components.rootSpanId(),
				components.propagatedEvent());
	}

}

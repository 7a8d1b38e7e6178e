package dev.braintrust.spring.tracing;

import java.util.Locale;
import java.util.function.Supplier;

import dev.braintrust.spring.logger.BraintrustLoggerBuilder;
import dev.braintrust.spring.logger.SpanIds;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * The trace id of Micrometer Tracing's current span, for
 * {@link BraintrustLoggerBuilder#traceIdSource(Supplier)}: a new Braintrust root span
 * started inside, say, an HTTP server span takes that trace's id as its
 * {@code root_span_id}, so that one id finds the request both in Braintrust and in the
 * tracing backend. A 64-bit trace id is left-padded with zeros to 128 bits, as W3C Trace
 * Context does. The Micrometer span is not referenced as a parent.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class MicrometerTraceIdSource implements Supplier<@Nullable String> {

	private static final String PADDING = "0000000000000000";

	private final Supplier<@Nullable Tracer> tracer;

	/**
	 * A source reading the given tracer.
	 * @param tracer supplies the tracer, or null while there is none
	 */
	public MicrometerTraceIdSource(Supplier<@Nullable Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public @Nullable String get() {
		try {
			Tracer current = this.tracer.get();
			TraceContext context = (current != null) ? current.currentTraceContext().context() : null;
			return (context != null) ? normalize(context.traceId()) : null;
		}
		catch (RuntimeException ex) {
			// a tracer that cannot answer must not stop the span
			return null;
		}
	}

	static @Nullable String normalize(@Nullable String traceId) {
		if (traceId == null) {
			return null;
		}
		String id = traceId.toLowerCase(Locale.ROOT);
		if (id.length() == 16) {
			id = PADDING + id;
		}
		return SpanIds.isValidTraceId(id) ? id : null;
	}

}

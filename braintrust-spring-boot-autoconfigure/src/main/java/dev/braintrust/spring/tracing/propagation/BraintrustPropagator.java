package dev.braintrust.spring.tracing.propagation;

import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanParent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Carries a span across HTTP calls as Braintrust's distributed-tracing specification
 * asks: a W3C {@code traceparent} (trace id = the span's {@code root_span_id}, parent id
 * = its {@code span_id}, flags {@code 01}) and a {@code braintrust.parent} member of the
 * W3C {@code baggage} header naming the object the trace logs to. {@code tracestate} and
 * the other baggage members are left as they are. Neither direction ever throws: a span
 * that cannot be written, or headers that cannot be read, are simply not propagated.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustPropagator {

	/**
	 * The header older Braintrust integrations use for an exported span; it is read (when
	 * there is no valid {@code traceparent}) but never written.
	 */
	public static final String LEGACY_PARENT_HEADER = "x-bt-parent";

	private static final Log logger = LogFactory.getLog(BraintrustPropagator.class);

	private BraintrustPropagator() {
	}

	/**
	 * Write a span into the headers of an outgoing request.
	 * @param span the span, or null (nothing is written)
	 * @param headers the request's headers
	 */
	public static void inject(@Nullable Span span, HttpHeaders headers) {
		if (span == null || span.isNoop()) {
			return;
		}
		try {
			TraceParent traceParent = TraceParent.of(span);
			if (traceParent == null) {
				return;
			}
			headers.set(TraceParent.HEADER, traceParent.toHeaderValue());
			BraintrustParent parent = BraintrustParent.of(span);
			if (parent == null) {
				return;
			}
			List<String> existing = headers.get(W3cBaggage.HEADER);
			String merged = W3cBaggage.merge((existing != null) ? existing : List.of(), BraintrustParent.BAGGAGE_KEY,
					W3cBaggage.percentEncode(parent.format()));
			if (merged != null) {
				headers.set(W3cBaggage.HEADER, merged);
			}
			else {
				logger.debug("The baggage header is full; braintrust.parent was not added");
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not write the Braintrust trace context", ex);
		}
	}

	/**
	 * Read the caller's span from the headers of an incoming request.
	 * @param headers the request's headers
	 * @param braintrustLogger the receiving service's logger
	 * @return a span to make current while the request is handled, so that the handler's
	 * spans are children of the caller's span; null when the request carries no valid
	 * trace context or the logger is the no-op logger
	 */
	public static @Nullable Span extract(HeaderValues headers, BraintrustLogger braintrustLogger) {
		if (braintrustLogger == BraintrustLogger.noop()) {
			return null;
		}
		try {
			List<String> traceParents = headers.values(TraceParent.HEADER);
			TraceParent traceParent = (traceParents.size() == 1) ? TraceParent.parse(traceParents.get(0)) : null;
			if (traceParent != null) {
				String encoded = W3cBaggage.find(headers.values(W3cBaggage.HEADER), BraintrustParent.BAGGAGE_KEY);
				BraintrustParent parent = (encoded != null) ? BraintrustParent.parse(W3cBaggage.percentDecode(encoded))
						: null;
				ObjectRef target = (parent != null) ? parent.target(braintrustLogger.target())
						: braintrustLogger.target();
				return new RemoteParentSpan(braintrustLogger,
						new SpanParent(target, traceParent.parentId(), traceParent.traceId(), null));
			}
			return fromLegacyHeader(headers.values(LEGACY_PARENT_HEADER), braintrustLogger);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the Braintrust trace context; the request starts a new trace", ex);
			return null;
		}
	}

	private static @Nullable Span fromLegacyHeader(List<String> values, BraintrustLogger braintrustLogger) {
		if (values.size() != 1) {
			return null;
		}
		try {
			SpanParent parent = SpanParent.fromExported(values.get(0));
			return parent.hasSpan() ? new RemoteParentSpan(braintrustLogger, parent) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Reads the values of a request header.
	 */
	@FunctionalInterface
	public interface HeaderValues {

		/**
		 * The values of a header.
		 * @param name the header name, looked up without regard to case
		 * @return the values, empty when the header is absent
		 */
		List<String> values(String name);

	}

}

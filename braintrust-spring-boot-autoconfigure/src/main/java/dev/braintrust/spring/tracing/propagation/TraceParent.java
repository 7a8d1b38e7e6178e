package dev.braintrust.spring.tracing.propagation;

import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanIds;
import org.jspecify.annotations.Nullable;

/**
 * A W3C Trace Context {@code traceparent} header: version {@code 00}, the trace id (a
 * span's {@code root_span_id}), the parent id (its {@code span_id}) and the flags.
 *
 * @param traceId 32 lower-case hex digits, not all zeros
 * @param parentId 16 lower-case hex digits, not all zeros
 * @param flags the trace flags, two lower-case hex digits
 * @author Braintrust
 * @since 0.1.0
 */
public record TraceParent(String traceId, String parentId, String flags) {

	/** The header name (written in lower case; looked up without regard to case). */
	public static final String HEADER = "traceparent";

	/** The flags written: sampled. */
	public static final String SAMPLED = "01";

	private static final int LENGTH = 55;

	/**
	 * The {@code traceparent} naming a span as the parent.
	 * @param span the span
	 * @return the header, or null when the span's ids are not W3C ids
	 */
	public static @Nullable TraceParent of(Span span) {
		String traceId = span.rootSpanId();
		String spanId = span.spanId();
		if (!SpanIds.isValidTraceId(traceId) || !SpanIds.isValidSpanId(spanId)) {
			return null;
		}
		return new TraceParent(traceId, spanId, SAMPLED);
	}

	/**
	 * Parse a header value as the W3C specification asks: version {@code ff} and any
	 * malformed value are rejected; a version above {@code 00} may carry more fields
	 * after the flags, which are ignored.
	 * @param value the header value, or null
	 * @return the parsed header, or null when the value is missing or malformed
	 */
	public static @Nullable TraceParent parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (text.length() < LENGTH) {
			return null;
		}
		String version = text.substring(0, 2);
		if (!isLowerHex(version) || version.equals("ff")) {
			return null;
		}
		if (version.equals("00") ? text.length() != LENGTH : (text.length() > LENGTH && text.charAt(LENGTH) != '-')) {
			return null;
		}
		if (text.charAt(2) != '-' || text.charAt(35) != '-' || text.charAt(52) != '-') {
			return null;
		}
		String traceId = text.substring(3, 35);
		String parentId = text.substring(36, 52);
		String flags = text.substring(53, 55);
		if (!SpanIds.isValidTraceId(traceId) || !SpanIds.isValidSpanId(parentId) || !isLowerHex(flags)) {
			return null;
		}
		return new TraceParent(traceId, parentId, flags);
	}

	/**
	 * The header value.
	 * @return {@code 00-<trace id>-<parent id>-<flags>}
	 */
	public String toHeaderValue() {
		return "00-" + this.traceId + "-" + this.parentId + "-" + this.flags;
	}

	private static boolean isLowerHex(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}

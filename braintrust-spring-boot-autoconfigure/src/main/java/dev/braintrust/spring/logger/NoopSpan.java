package dev.braintrust.spring.logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The span that records nothing, used where there is no current span and when Braintrust
 * is disabled. Its methods cost next to nothing.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class NoopSpan implements Span {

	static final NoopSpan INSTANCE = new NoopSpan();

	private static final ObjectRef NOOP_TARGET = ObjectRef.projectLogs("noop", null);

	private NoopSpan() {
	}

	@Override
	public String id() {
		return "";
	}

	@Override
	public String spanId() {
		return "";
	}

	@Override
	public String rootSpanId() {
		return "";
	}

	@Override
	public List<String> parentSpanIds() {
		return List.of();
	}

	@Override
	public ObjectRef target() {
		return NOOP_TARGET;
	}

	@Override
	public boolean isNoop() {
		return true;
	}

	@Override
	public Span log(LogEvent event) {
		return this;
	}

	@Override
	public Span setAttributes(Map<String, ?> attributes) {
		return this;
	}

	@Override
	public void logFeedback(Feedback feedback) {
	}

	@Override
	public Span startSpan(SpanOptions options) {
		return this;
	}

	@Override
	public double end(Instant endTime) {
		return 0;
	}

	@Override
	public boolean isEnded() {
		return true;
	}

	@Override
	public SpanScope makeCurrent() {
		return () -> {
		};
	}

	@Override
	public String export() {
		return "";
	}

	@Override
	public String permalink() {
		return "https://www.braintrust.dev/noop-span";
	}

	@Override
	public String toString() {
		return "NoopSpan";
	}

}

package dev.braintrust.spring.logger;

import java.time.Duration;

/**
 * The logger of {@code braintrust.mode=disabled}: records nothing, costs next to nothing.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class NoopBraintrustLogger implements BraintrustLogger {

	static final NoopBraintrustLogger INSTANCE = new NoopBraintrustLogger();

	private static final ObjectRef TARGET = ObjectRef.projectLogs("noop", null);

	private NoopBraintrustLogger() {
	}

	@Override
	public ObjectRef target() {
		return TARGET;
	}

	@Override
	public String log(LogEvent event) {
		return "";
	}

	@Override
	public Span startSpan(SpanOptions options) {
		return Span.noop();
	}

	@Override
	public void logFeedback(Feedback feedback) {
	}

	@Override
	public void updateSpan(String exported, LogEvent event) {
	}

	@Override
	public BraintrustLogger forObject(ObjectRef target) {
		return this;
	}

	@Override
	public RowSink rowSink() {
		return (target, kind, row) -> {
		};
	}

	@Override
	public ValueCapture valueCapture() {
		return ValueCapture.defaults();
	}

	@Override
	public String permalink(String rowId) {
		return "https://www.braintrust.dev/noop-span";
	}

	@Override
	public boolean flush() {
		return true;
	}

	@Override
	public boolean flush(Duration timeout) {
		return true;
	}

	@Override
	public LoggerStats stats() {
		return LoggerStats.EMPTY;
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "NoopBraintrustLogger";
	}

}

package dev.braintrust.spring.logger;

import java.time.Duration;

/**
 * The logger built by {@link BraintrustLoggerBuilder}: spans and rows through a
 * {@link RowProcessor}. Views made with {@link #forObject} share the pipeline; only the
 * logger that built it shuts it down.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class DefaultBraintrustLogger implements BraintrustLogger {

	private final SpanEngine engine;

	private final RowProcessor processor;

	private final ObjectRef target;

	private final Duration flushTimeout;

	private final Duration shutdownTimeout;

	private final boolean ownsPipeline;

	DefaultBraintrustLogger(SpanEngine engine, RowProcessor processor, ObjectRef target, Duration flushTimeout,
			Duration shutdownTimeout, boolean ownsPipeline) {
		this.engine = engine;
		this.processor = processor;
		this.target = target;
		this.flushTimeout = flushTimeout;
		this.shutdownTimeout = shutdownTimeout;
		this.ownsPipeline = ownsPipeline;
	}

	@Override
	public ObjectRef target() {
		return this.target;
	}

	@Override
	public String log(LogEvent event) {
		return this.engine.logRoot(this.target, event, "root");
	}

	@Override
	public Span startSpan(SpanOptions options) {
		return this.engine.start(this.target, options);
	}

	@Override
	public void logFeedback(Feedback feedback) {
		this.engine.feedback(this.target, feedback);
	}

	@Override
	public void updateSpan(String exported, LogEvent event) {
		this.engine.updateSpan(exported, event);
	}

	@Override
	public BraintrustLogger forObject(ObjectRef target) {
		return new DefaultBraintrustLogger(this.engine, this.processor, target, this.flushTimeout, this.shutdownTimeout,
				false);
	}

	@Override
	public RowSink rowSink() {
		return this.processor;
	}

	@Override
	public ValueCapture valueCapture() {
		return this.engine.capture();
	}

	@Override
	public String permalink(String rowId) {
		return this.engine.permalink(this.target, rowId);
	}

	@Override
	public boolean flush() {
		return flush(this.flushTimeout);
	}

	@Override
	public boolean flush(Duration timeout) {
		return this.processor.flush(timeout);
	}

	@Override
	public int queueCapacity() {
		return this.processor.queueCapacity();
	}

	@Override
	public LoggerStats stats() {
		return this.processor.stats();
	}

	@Override
	public void close() {
		if (this.ownsPipeline) {
			this.processor.shutdown(this.shutdownTimeout);
		}
	}

	@Override
	public String toString() {
		return "BraintrustLogger[target=" + this.target + "]";
	}

}

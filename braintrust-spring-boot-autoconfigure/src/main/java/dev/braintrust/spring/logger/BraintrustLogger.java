package dev.braintrust.spring.logger;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Logs to a Braintrust project: events, spans, feedback. The Spring Boot
 * auto-configuration provides one as a bean; {@link Braintrust} reaches the same logger
 * from code that is not a bean. Logging never blocks the caller beyond queueing a row and
 * never throws because of telemetry; invalid arguments (an out-of-range score, say) fail
 * fast with a clear message.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface BraintrustLogger extends AutoCloseable {

	/**
	 * A new builder.
	 * @return the builder
	 */
	static BraintrustLoggerBuilder builder() {
		return new BraintrustLoggerBuilder();
	}

	/**
	 * A logger that records nothing, for {@code braintrust.mode=disabled}. Work passed to
	 * {@link #traced} still runs.
	 * @return the no-op logger
	 */
	static BraintrustLogger noop() {
		return NoopBraintrustLogger.INSTANCE;
	}

	/**
	 * The object this logger writes to.
	 * @return the target, usually a project's logs
	 */
	ObjectRef target();

	/**
	 * Log an event as a root span that starts and ends now.
	 * @param event the event
	 * @return the row id, for feedback
	 */
	String log(LogEvent event);

	/**
	 * Log an event built in place.
	 * @param event fills in the event
	 * @return the row id
	 */
	default String log(Consumer<LogEvent.Builder> event) {
		LogEvent.Builder builder = LogEvent.builder();
		event.accept(builder);
		return log(builder.build());
	}

	/**
	 * Start a span: a child of the current span if there is one, else a root span of this
	 * logger.
	 * @param name the name
	 * @return the span, not yet current
	 */
	default Span startSpan(String name) {
		return startSpan(SpanOptions.named(name).build());
	}

	/**
	 * Start a span.
	 * @param options the options
	 * @return the span, not yet current
	 */
	Span startSpan(SpanOptions options);

	/**
	 * Run work inside a new span that is current while it runs. An exception thrown by
	 * the work is logged as the span's error and rethrown unchanged; the span ends either
	 * way.
	 * @param name the span name
	 * @param work the work
	 * @param <T> the result type
	 * @param <E> the work's exception type
	 * @return the work's result
	 * @throws E the work's own exception
	 */
	default <T, E extends Throwable> T traced(String name, SpanFunction<T, E> work) throws E {
		return traced(SpanOptions.named(name).build(), work);
	}

	/**
	 * Run work inside a new span that is current while it runs.
	 * @param options the span options
	 * @param work the work
	 * @param <T> the result type
	 * @param <E> the work's exception type
	 * @return the work's result
	 * @throws E the work's own exception
	 */
	default <T, E extends Throwable> T traced(SpanOptions options, SpanFunction<T, E> work) throws E {
		Span span = startSpan(options);
		try (SpanScope scope = span.makeCurrent()) {
			return work.apply(span);
		}
		catch (Throwable ex) {
			try {
				span.log(LogEvent.builder().error(ex).build());
			}
			catch (RuntimeException loggingFailure) {
				// never let telemetry replace the user's exception
			}
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * The current span of this thread.
	 * @return the current span, or the no-op span
	 */
	default Span currentSpan() {
		return CurrentSpan.get();
	}

	/**
	 * Log feedback on a row of this logger's object.
	 * @param feedback the feedback
	 */
	void logFeedback(Feedback feedback);

	/**
	 * Update a span from its exported form, for instance once a background job finishes.
	 * @param exported what {@link Span#export()} returned
	 * @param event the fields to merge into the span's row
	 */
	void updateSpan(String exported, LogEvent event);

	/**
	 * A logger that writes to another object (an experiment, a dataset) through the same
	 * pipeline.
	 * @param target the object
	 * @return the logger view
	 */
	BraintrustLogger forObject(ObjectRef target);

	/**
	 * The entry of the row pipeline, for writers of rows that are not spans (datasets).
	 * @return the sink
	 */
	RowSink rowSink();

	/**
	 * The value capture used for what this logger records.
	 * @return the capture
	 */
	ValueCapture valueCapture();

	/**
	 * A link to a row of this logger's object.
	 * @param rowId the row id
	 * @return the link
	 */
	String permalink(String rowId);

	/**
	 * Write everything logged so far, within the configured export timeout.
	 * @return true when everything was written in time
	 */
	boolean flush();

	/**
	 * Write everything logged so far.
	 * @param timeout how long to wait
	 * @return true when everything was written in time
	 */
	boolean flush(Duration timeout);

	/**
	 * The most rows the pipeline's queue holds before new ones are dropped
	 * ({@code braintrust.logger.async.max-queue-size}); compare with
	 * {@link LoggerStats#queued()} to slow down a producer before the queue fills up.
	 * @return the capacity, {@link Integer#MAX_VALUE} when rows are not queued
	 */
	default int queueCapacity() {
		return Integer.MAX_VALUE;
	}

	/**
	 * The pipeline's counters.
	 * @return a snapshot
	 */
	LoggerStats stats();

	/**
	 * Flush within the shutdown timeout and stop the pipeline. Idempotent.
	 */
	@Override
	void close();

}

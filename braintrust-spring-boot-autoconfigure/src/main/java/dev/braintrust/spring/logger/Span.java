package dev.braintrust.spring.logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A span: one unit of work in a trace, written as one Braintrust row. Every {@code log}
 * after the first row is sent as a merge row and merged into the same row. Spans are
 * {@link AutoCloseable}, so try-with-resources ends them:
 *
 * <pre class="code">
 * try (Span span = logger.startSpan("retrieve"); SpanScope scope = span.makeCurrent()) {
 *     span.log((event) -&gt; event.input(query).output(documents));
 * }
 * </pre>
 *
 * Methods never throw because of telemetry, except for invalid arguments (an out-of-range
 * score, say), which fail fast with a clear message.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface Span extends AutoCloseable {

	/**
	 * The no-op span: returned where there is no current span, safe to use anywhere.
	 * @return the no-op span
	 */
	static Span noop() {
		return NoopSpan.INSTANCE;
	}

	/**
	 * The row id.
	 * @return the id
	 */
	String id();

	/**
	 * The span id (16 hex digits).
	 * @return the span id
	 */
	String spanId();

	/**
	 * The trace id shared by every span of the trace (32 hex digits).
	 * @return the root span id
	 */
	String rootSpanId();

	/**
	 * The parent span ids.
	 * @return an empty list for a root span, else the parent's span id
	 */
	List<String> parentSpanIds();

	/**
	 * The object the span's rows go to.
	 * @return the target
	 */
	ObjectRef target();

	/**
	 * The span attributes this span passes down to every span started under it, set with
	 * {@link SpanOptions.Builder#propagatedAttribute(String, Object)} on it or an
	 * ancestor (for example {@code purpose=scorer} inside a scorer).
	 * @return the propagated attributes, empty when there are none
	 * @since 0.1.0
	 */
	default Map<String, Object> propagatedAttributes() {
		return Map.of();
	}

	/**
	 * Whether this is the no-op span.
	 * @return true for the no-op span
	 */
	default boolean isNoop() {
		return false;
	}

	/**
	 * Log data on the span; fields logged later are merged into the same row.
	 * @param event the event
	 * @return this span
	 */
	Span log(LogEvent event);

	/**
	 * Log data on the span, built in place.
	 * @param event fills in the event
	 * @return this span
	 */
	default Span log(Consumer<LogEvent.Builder> event) {
		LogEvent.Builder builder = LogEvent.builder();
		event.accept(builder);
		return log(builder.build());
	}

	/**
	 * Add or change span attributes (written to {@code span_attributes}).
	 * @param attributes the attributes
	 * @return this span
	 */
	Span setAttributes(Map<String, ?> attributes);

	/**
	 * Log feedback on this span's row.
	 * @param feedback the feedback, whose row id is replaced by this span's
	 */
	void logFeedback(Feedback feedback);

	/**
	 * Start a child span.
	 * @param name the child's name
	 * @return the child, not yet current
	 */
	default Span startSpan(String name) {
		return startSpan(SpanOptions.named(name).build());
	}

	/**
	 * Start a child span.
	 * @param options the child's options; a parent given there is ignored
	 * @return the child, not yet current
	 */
	Span startSpan(SpanOptions options);

	/**
	 * End the span now, recording {@code metrics.end}. Only the first call has an effect.
	 * @return the end time in unix seconds
	 */
	default double end() {
		return end(Instant.now());
	}

	/**
	 * Log a last event and end the span now: the same as {@link #log(LogEvent)} followed
	 * by {@link #end()}, written as one row where the implementation can.
	 * @param event the last event
	 * @return the end time in unix seconds (the first one, when already ended)
	 */
	default double end(LogEvent event) {
		log(event);
		return end();
	}

	/**
	 * End the span at the given time. Only the first call has an effect.
	 * @param endTime the end time
	 * @return the end time in unix seconds (the first one, when already ended)
	 */
	double end(Instant endTime);

	/**
	 * Whether the span has ended.
	 * @return true once ended
	 */
	boolean isEnded();

	/**
	 * Make this span the current span on this thread until the scope is closed.
	 * @return the scope, which restores the previous current span when closed
	 */
	default SpanScope makeCurrent() {
		return CurrentSpan.set(this);
	}

	/**
	 * Export the span, so another process or service can start spans under it.
	 * @return the exported span (Braintrust's SpanComponents, version 4)
	 */
	String export();

	/**
	 * A link to the span: a Braintrust URL, or a file location in local mode.
	 * @return the link
	 */
	String permalink();

	/**
	 * End the span.
	 */
	@Override
	default void close() {
		end();
	}

}

package dev.braintrust.spring.tracing;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Ends the span of one traced call exactly once, whichever of success, error or
 * cancellation comes first, and from whichever thread. Its methods never throw: a failure
 * to log is logged at debug level and dropped, so that telemetry cannot change what the
 * caller sees.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SpanCompletion {

	/** The metadata key set to {@code true} on a span whose work was cancelled. */
	public static final String CANCELLED = "cancelled";

	private static final Log logger = LogFactory.getLog(SpanCompletion.class);

	private final Span span;

	private final boolean captureOutput;

	private final AtomicBoolean done = new AtomicBoolean();

	private SpanCompletion(Span span, boolean captureOutput) {
		this.span = span;
		this.captureOutput = captureOutput;
	}

	/**
	 * A completion for a span.
	 * @param span the span to end
	 * @param captureOutput whether the output is logged
	 * @return the completion
	 */
	public static SpanCompletion of(Span span, boolean captureOutput) {
		return new SpanCompletion(span, captureOutput);
	}

	/**
	 * The span.
	 * @return the span
	 */
	public Span span() {
		return this.span;
	}

	/**
	 * Whether the output is logged; handlers that collect items can skip collecting when
	 * it is not.
	 * @return true when the output is logged
	 */
	public boolean capturesOutput() {
		return this.captureOutput;
	}

	/**
	 * Whether the span has been ended through this completion.
	 * @return true once completed, failed or cancelled
	 */
	public boolean isDone() {
		return this.done.get();
	}

	/**
	 * End the span after success, logging the output unless output capture is off.
	 * @param output the output, or null for none
	 * @return true if this call ended the span, false if it had already ended
	 */
	public boolean complete(@Nullable Object output) {
		if (!this.done.compareAndSet(false, true)) {
			return false;
		}
		if (!this.captureOutput || output == null
				|| !safely(() -> this.span.end(LogEvent.builder().output(output).build()))) {
			safely(this.span::end);
		}
		return true;
	}

	/**
	 * End the span after an error, logging the error's type, message and stack trace.
	 * @param error the error
	 * @return true if this call ended the span, false if it had already ended
	 */
	public boolean fail(Throwable error) {
		if (!this.done.compareAndSet(false, true)) {
			return false;
		}
		if (!safely(() -> this.span.end(LogEvent.builder().error(error).build()))) {
			safely(this.span::end);
		}
		return true;
	}

	/**
	 * End the span because its work was cancelled, marking it with
	 * {@code metadata.cancelled = true}.
	 * @param partialOutput what was produced before the cancellation, or null
	 * @return true if this call ended the span, false if it had already ended
	 */
	public boolean cancel(@Nullable Object partialOutput) {
		if (!this.done.compareAndSet(false, true)) {
			return false;
		}
		boolean ended = safely(() -> {
			LogEvent.Builder event = LogEvent.builder().metadata(CANCELLED, true);
			if (this.captureOutput && partialOutput != null) {
				event.output(partialOutput);
			}
			this.span.end(event.build());
		});
		if (!ended) {
			safely(this.span::end);
		}
		return true;
	}

	private static boolean safely(Runnable action) {
		try {
			action.run();
			return true;
		}
		catch (RuntimeException ex) {
			// telemetry must never reach the caller
			logger.debug("Could not record the end of a traced call", ex);
			return false;
		}
	}

	@Override
	public String toString() {
		return "SpanCompletion[span=" + this.span + ", done=" + this.done.get() + "]";
	}

}

package dev.braintrust.spring.logger;

import java.util.function.Consumer;

/**
 * The static entry point, for code that is not a Spring bean: reaches the application's
 * logger (set by the auto-configuration) and the current span. Before a logger is set,
 * and after the application context closes, it is the no-op logger.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Braintrust {

	private static volatile BraintrustLogger logger = BraintrustLogger.noop();

	private Braintrust() {
	}

	/**
	 * The application's logger.
	 * @return the logger, or the no-op logger when none is set
	 */
	public static BraintrustLogger logger() {
		return logger;
	}

	/**
	 * Set the application's logger.
	 * @param newLogger the logger
	 */
	public static void setLogger(BraintrustLogger newLogger) {
		logger = newLogger;
	}

	/**
	 * Clear the application's logger if it is still the given one.
	 * @param expected the logger that is going away
	 */
	public static synchronized void clearLogger(BraintrustLogger expected) {
		if (logger == expected) {
			logger = BraintrustLogger.noop();
		}
	}

	/**
	 * The current span.
	 * @return the current span, or the no-op span
	 */
	public static Span currentSpan() {
		return CurrentSpan.get();
	}

	/**
	 * Start a span with the application's logger.
	 * @param name the name
	 * @return the span
	 */
	public static Span startSpan(String name) {
		return logger.startSpan(name);
	}

	/**
	 * Run work in a span of the application's logger.
	 * @param name the span name
	 * @param work the work
	 * @param <T> the result type
	 * @param <E> the work's exception type
	 * @return the work's result
	 * @throws E the work's own exception
	 */
	public static <T, E extends Throwable> T traced(String name, SpanFunction<T, E> work) throws E {
		return logger.traced(name, work);
	}

	/**
	 * Log an event with the application's logger.
	 * @param event fills in the event
	 * @return the row id
	 */
	public static String log(Consumer<LogEvent.Builder> event) {
		return logger.log(event);
	}

	/**
	 * Flush the application's logger.
	 * @return true when everything was written in time
	 */
	public static boolean flush() {
		return logger.flush();
	}

}

package dev.braintrust.spring.testsupport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * A failure {@link FakeBraintrustServer} injects instead of (or before) answering.
 * <ul>
 * <li>{@link #serviceUnavailable()}, {@link #gateway(int, String)}: an answer from a
 * gateway in front of the API (503, 502, 504, 413). Such answers are not part of the API
 * contract (the spec documents none of them), so they are not validated.</li>
 * <li>{@link #tooManyRequests(Duration)}: 429 with {@code Retry-After} in seconds;
 * {@link #tooManyRequestsUntil(ZonedDateTime)} with an HTTP date.</li>
 * <li>{@link #reject(int, String)}: a 4xx with a message, for a request that will never
 * succeed.</li>
 * <li>{@link #slow(Duration)}: the request is processed (rows stored), then the answer
 * waits, longer than the client's timeout if so chosen.</li>
 * <li>{@link #restart(Duration, boolean)}: the server goes down in the middle of the
 * request, after or before storing its rows, dropping the connection without an answer,
 * and comes back on the same port after the downtime.</li>
 * </ul>
 *
 * @param kind the kind
 * @param status the status to answer
 * @param message the message to answer
 * @param retryAfter the {@code Retry-After} header value, or null
 * @param duration the delay or downtime
 * @param processFirst whether the request is processed before the failure
 */
public record Fault(Kind kind, int status, String message, @Nullable String retryAfter, Duration duration,
		boolean processFirst) {

	/**
	 * A 503 from a gateway.
	 * @return the fault
	 */
	public static Fault serviceUnavailable() {
		return gateway(503, "Service Unavailable");
	}

	/**
	 * An answer from a gateway in front of the API, not validated against the spec.
	 * @param status the status
	 * @param message the body
	 * @return the fault
	 */
	public static Fault gateway(int status, String message) {
		return new Fault(Kind.GATEWAY, status, message, null, Duration.ZERO, false);
	}

	/**
	 * A 500 from the API.
	 * @return the fault
	 */
	public static Fault serverError() {
		return new Fault(Kind.STATUS, 500, "Internal Server Error", null, Duration.ZERO, false);
	}

	/**
	 * A 429 asking to wait.
	 * @param retryAfter the wait, sent in whole seconds
	 * @return the fault
	 */
	public static Fault tooManyRequests(Duration retryAfter) {
		return new Fault(Kind.STATUS, 429, "Too many requests", Long.toString(retryAfter.toSeconds()), Duration.ZERO,
				false);
	}

	/**
	 * A 429 asking to wait until a time, as an HTTP date.
	 * @param until the time
	 * @return the fault
	 */
	public static Fault tooManyRequestsUntil(ZonedDateTime until) {
		return new Fault(Kind.STATUS, 429, "Too many requests", DateTimeFormatter.RFC_1123_DATE_TIME.format(until),
				Duration.ZERO, false);
	}

	/**
	 * A refusal that retrying cannot change.
	 * @param status a 4xx the spec documents (400, 401, 403)
	 * @param message the server's message
	 * @return the fault
	 */
	public static Fault reject(int status, String message) {
		return new Fault(Kind.STATUS, status, message, null, Duration.ZERO, false);
	}

	/**
	 * Process the request, then answer late.
	 * @param delay the delay
	 * @return the fault
	 */
	public static Fault slow(Duration delay) {
		return new Fault(Kind.SLOW, 200, "", null, delay, true);
	}

	/**
	 * Go down in the middle of the request and come back.
	 * @param downtime how long the port refuses connections
	 * @param afterStoring whether the request's rows are stored before the crash
	 * @return the fault
	 */
	public static Fault restart(Duration downtime, boolean afterStoring) {
		return new Fault(Kind.RESTART, 0, "", null, downtime, afterStoring);
	}

	/**
	 * The kinds of fault.
	 */
	public enum Kind {

		/** Answer a status, as the API would. */
		STATUS,
		/** Answer a status, as a gateway would. */
		GATEWAY,
		/** Answer late. */
		SLOW,
		/** Drop the connection and restart. */
		RESTART

	}

}

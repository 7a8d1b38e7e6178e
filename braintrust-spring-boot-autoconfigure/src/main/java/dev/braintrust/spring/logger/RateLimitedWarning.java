package dev.braintrust.spring.logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.apache.commons.logging.Log;

/**
 * A warning logged at most once per interval, carrying the count of occurrences since the
 * last one, so a flood of failures never floods the application's log. Shared by the
 * logger's queue and the exporters.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RateLimitedWarning {

	private final Log log;

	private final long intervalNanos;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong lastLogged;

	/**
	 * Create a warning for the given log, logged at most once per interval.
	 * @param log the log to write to
	 * @param interval the shortest time between two warnings
	 */
	public RateLimitedWarning(Log log, Duration interval) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
		this.lastLogged = new AtomicLong(System.nanoTime() - this.intervalNanos);
	}

	/**
	 * Count occurrences, and log the warning if the interval has passed since the last
	 * one.
	 * @param count the new occurrences
	 * @param message the warning for the total count since the last warning
	 */
	public void add(long count, LongFunction<String> message) {
		long total = this.pending.addAndGet(count);
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= this.intervalNanos && this.lastLogged.compareAndSet(last, now)) {
			this.pending.addAndGet(-total);
			this.log.warn(message.apply(total));
		}
	}

}

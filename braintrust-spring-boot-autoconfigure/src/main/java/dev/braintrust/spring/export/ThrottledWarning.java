package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.apache.commons.logging.Log;

/**
 * A warning logged at most once per interval, with the count of occurrences since the
 * last one, so an outage does not flood the application's log.
 *
 * @author Braintrust
 */
final class ThrottledWarning {

	private final Log log;

	private final long intervalNanos;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong lastLogged;

	ThrottledWarning(Log log, Duration interval) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
		this.lastLogged = new AtomicLong(System.nanoTime() - this.intervalNanos);
	}

	void add(long count, LongFunction<String> message) {
		long total = this.pending.addAndGet(count);
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= this.intervalNanos && this.lastLogged.compareAndSet(last, now)) {
			this.pending.addAndGet(-total);
			this.log.warn(message.apply(total));
		}
	}

}

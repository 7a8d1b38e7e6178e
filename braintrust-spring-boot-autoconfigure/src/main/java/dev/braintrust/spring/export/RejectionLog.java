package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;

/**
 * Logs rejections, one WARN line each, but at most {@code limit} lines per interval: a
 * wrong API key rejects every batch, and must not flood the application's log. Lines
 * beyond the limit go to DEBUG, and the next WARN line says how many were held back (the
 * counters and the failed-payload files still have every row).
 *
 * @author Braintrust
 */
final class RejectionLog {

	private final Log log;

	private final int limit;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private long windowStart;

	private int logged;

	private long suppressed;

	RejectionLog(Log log, int limit, Duration interval) {
		this(log, limit, interval, System::nanoTime);
	}

	RejectionLog(Log log, int limit, Duration interval, LongSupplier nanoTime) {
		this.log = log;
		this.limit = limit;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.windowStart = nanoTime.getAsLong();
	}

	synchronized void log(String line) {
		long now = this.nanoTime.getAsLong();
		if (now - this.windowStart >= this.intervalNanos) {
			this.windowStart = now;
			this.logged = 0;
		}
		if (this.logged < this.limit) {
			this.logged++;
			String held = (this.suppressed > 0) ? " (" + this.suppressed + " similar line(s) held back at DEBUG)" : "";
			this.suppressed = 0;
			this.log.warn(line + held);
		}
		else {
			this.suppressed++;
			this.log.debug(line);
		}
	}

}

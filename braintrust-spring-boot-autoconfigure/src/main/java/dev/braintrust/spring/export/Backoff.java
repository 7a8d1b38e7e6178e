package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with full jitter: before retry {@code n} (from 0) wait a random
 * time between zero and {@code min(max, initial * 2^n)}. A server's {@code Retry-After}
 * is a floor, capped at {@link #MAX_RETRY_AFTER} so a misbehaving proxy cannot stall the
 * exporter for hours.
 *
 * @author Braintrust
 */
final class Backoff {

	/** The longest {@code Retry-After} honoured. */
	static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

	private final long initialNanos;

	private final long maxNanos;

	private final RandomGenerator random;

	Backoff(Duration initial, Duration max, RandomGenerator random) {
		this.initialNanos = Math.max(1, initial.toNanos());
		this.maxNanos = Math.max(this.initialNanos, max.toNanos());
		this.random = random;
	}

	/**
	 * The wait before a retry.
	 * @param retry the number of retries before this one
	 * @param retryAfter what the server asked for, or null
	 * @return the wait
	 */
	Duration delay(int retry, @Nullable Duration retryAfter) {
		long cap = this.initialNanos;
		for (int i = 0; i < retry && cap < this.maxNanos; i++) {
			cap = (cap > this.maxNanos / 2) ? this.maxNanos : cap * 2;
		}
		cap = Math.min(cap, this.maxNanos);
		long jitter = this.random.nextLong(cap + 1);
		if (retryAfter != null) {
			long asked = Math.min(retryAfter.toNanos(), MAX_RETRY_AFTER.toNanos());
			return Duration.ofNanos(Math.max(asked, jitter));
		}
		return Duration.ofNanos(jitter);
	}

	/**
	 * The longest jittered wait, without a {@code Retry-After}.
	 * @return the cap
	 */
	Duration max() {
		return Duration.ofNanos(this.maxNanos);
	}

}

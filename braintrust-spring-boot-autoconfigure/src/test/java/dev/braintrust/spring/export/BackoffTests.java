package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Backoff}.
 */
class BackoffTests {

	/** Always draws the largest value allowed, so the cap is visible. */
	private static final RandomGenerator HIGHEST = new RandomGenerator() {

		@Override
		public long nextLong() {
			return Long.MAX_VALUE;
		}

		@Override
		public long nextLong(long bound) {
			return bound - 1;
		}

	};

	@Test
	void capDoublesUpToTheMaximum() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), HIGHEST);
		assertThat(backoff.delay(0, null)).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.delay(3, null)).isEqualTo(Duration.ofMillis(800));
		assertThat(backoff.delay(4, null)).isEqualTo(Duration.ofMillis(1000));
		assertThat(backoff.delay(500, null)).isEqualTo(Duration.ofMillis(1000));
	}

	@Test
	void fullJitterDrawsBetweenZeroAndTheCap() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), RandomGenerator.getDefault());
		for (int i = 0; i < 200; i++) {
			assertThat(backoff.delay(2, null)).isBetween(Duration.ZERO, Duration.ofMillis(400));
		}
	}

	@Test
	void retryAfterIsAFloorWithASanityCap() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), RandomGenerator.getDefault());
		assertThat(backoff.delay(0, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
		assertThat(backoff.delay(0, Duration.ofHours(3))).isEqualTo(Backoff.MAX_RETRY_AFTER);
	}

}

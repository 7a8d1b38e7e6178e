package dev.braintrust.spring.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void readsSeconds() {
		assertThat(RetryAfter.parse("7", this.clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(" 0.5 ", this.clock)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void readsAnHttpDate() {
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:00:30 GMT", this.clock)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aDateInThePastMeansNoWait() {
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", this.clock)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresWhatItCannotRead() {
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
		assertThat(RetryAfter.parse("", this.clock)).isNull();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse("-3", this.clock)).isNull();
	}

}

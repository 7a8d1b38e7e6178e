package dev.braintrust.spring.logger;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IsoInstant}.
 *
 * @author Braintrust
 */
class IsoInstantTests {

	@Test
	void shouldFormatAsInstantToString() {
		Instant now = Instant.now();
		long second = now.getEpochSecond();
		Instant[] instants = { now, Instant.ofEpochSecond(second), Instant.ofEpochSecond(second, 120_000_000),
				Instant.ofEpochSecond(second, 1_000_000), Instant.ofEpochSecond(second, 5_000),
				Instant.ofEpochSecond(second, 123_456), Instant.ofEpochSecond(second, 7),
				Instant.ofEpochSecond(second, 999_999_999), Instant.EPOCH, Instant.parse("0000-01-01T00:00:00.5Z"),
				Instant.parse("9999-12-31T23:59:59.000001Z"), Instant.parse("+10000-01-01T00:00:00.25Z"),
				Instant.parse("-0001-06-01T12:00:00Z"), Instant.MIN, Instant.MAX };
		for (Instant instant : instants) {
			assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
			// twice: the second call uses the cached second
			assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
		}
	}

	@Test
	void shouldFormatRandomInstantsAsInstantToString() {
		SplittableRandom random = new SplittableRandom(42);
		long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
		long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 10_000; i++) {
			long second = random.nextLong(from, to);
			int nano = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(second, nano);
			assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
		}
	}

}

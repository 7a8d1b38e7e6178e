package dev.braintrust.spring.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Parses an HTTP {@code Retry-After} header: a number of seconds or an HTTP date.
 *
 * @author Braintrust
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The wait the header asks for.
	 * @param header the header value, or null
	 * @param clock the clock an HTTP date is compared with
	 * @return the wait (zero for a date in the past), or null when the header is absent
	 * or unreadable
	 */
	static @Nullable Duration parse(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		try {
			double seconds = Double.parseDouble(value);
			if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
				return null;
			}
			return Duration.ofMillis(Math.round(seconds * 1000));
		}
		catch (NumberFormatException ex) {
			// not a number of seconds: an HTTP date, perhaps
		}
		try {
			Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), until);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}

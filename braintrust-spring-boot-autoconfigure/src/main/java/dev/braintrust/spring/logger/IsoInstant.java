package dev.braintrust.spring.logger;

import java.time.Instant;

/**
 * Formats an {@link Instant} exactly as {@link Instant#toString()} does, for the
 * {@code created} field of every span, at a fraction of the cost: the date and time of
 * the current second are formatted once, and only the fraction is written per call.
 *
 * @author Braintrust
 */
final class IsoInstant {

	private static final int SECOND_LENGTH = "2000-01-01T00:00:00Z".length();

	private static volatile Second last = new Second(Long.MIN_VALUE, "");

	private IsoInstant() {
	}

	static String format(Instant instant) {
		long epochSecond = instant.getEpochSecond();
		Second second = last;
		if (second.epochSecond() != epochSecond) {
			String text = Instant.ofEpochSecond(epochSecond).toString();
			if (text.length() != SECOND_LENGTH) {
				// a year outside 0000-9999 has a sign or more digits: the slow way
				return instant.toString();
			}
			second = new Second(epochSecond, text.substring(0, SECOND_LENGTH - 1));
			last = second;
		}
		int nano = instant.getNano();
		if (nano == 0) {
			return second.prefix() + "Z";
		}
		// as ISO_INSTANT: the fraction in as many groups of three digits as it needs
		StringBuilder text = new StringBuilder(SECOND_LENGTH + 10).append(second.prefix()).append('.');
		if (nano % 1_000_000 == 0) {
			appendDigits(text, nano / 1_000_000, 3);
		}
		else if (nano % 1_000 == 0) {
			appendDigits(text, nano / 1_000, 6);
		}
		else {
			appendDigits(text, nano, 9);
		}
		return text.append('Z').toString();
	}

	private static void appendDigits(StringBuilder text, int value, int digits) {
		String number = Integer.toString(value);
		for (int i = number.length(); i < digits; i++) {
			text.append('0');
		}
		text.append(number);
	}

	private record Second(long epochSecond, String prefix) {
	}

}

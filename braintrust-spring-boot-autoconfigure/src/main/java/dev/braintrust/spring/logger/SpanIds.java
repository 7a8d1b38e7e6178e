package dev.braintrust.spring.logger;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates ids: W3C-compatible hex span ids (16 hex digits) and trace ids (32 hex
 * digits), so Braintrust traces line up with Micrometer and OpenTelemetry traces, and
 * UUIDv4 row ids.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SpanIds {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private SpanIds() {
	}

	/**
	 * A new span id.
	 * @return 16 lower-case hex digits, never all zeros
	 */
	public static String newSpanId() {
		long value;
		do {
			value = ThreadLocalRandom.current().nextLong();
		}
		while (value == 0);
		char[] chars = new char[16];
		writeHex(value, chars, 0);
		return new String(chars);
	}

	/**
	 * A new trace id, used as a root span's {@code root_span_id}.
	 * @return 32 lower-case hex digits, never all zeros
	 */
	public static String newTraceId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = random.nextLong();
		long low;
		do {
			low = random.nextLong();
		}
		while (low == 0);
		char[] chars = new char[32];
		writeHex(high, chars, 0);
		writeHex(low, chars, 16);
		return new String(chars);
	}

	/**
	 * A new row id.
	 * @return a random UUID string
	 */
	public static String newRowId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	/**
	 * Whether a value is a valid W3C trace id.
	 * @param value the value
	 * @return true for 32 lower-case hex digits that are not all zeros
	 */
	public static boolean isValidTraceId(String value) {
		return isHex(value, 32);
	}

	/**
	 * Whether a value is a valid W3C span id.
	 * @param value the value
	 * @return true for 16 lower-case hex digits that are not all zeros
	 */
	public static boolean isValidSpanId(String value) {
		return isHex(value, 16);
	}

	private static boolean isHex(String value, int length) {
		if (value == null || value.length() != length) {
			return false;
		}
		boolean nonZero = false;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			boolean digit = (c >= '0' && c <= '9');
			boolean letter = (c >= 'a' && c <= 'f');
			if (!digit && !letter) {
				return false;
			}
			nonZero |= (c != '0');
		}
		return nonZero;
	}

	private static void writeHex(long value, char[] chars, int offset) {
		for (int i = 15; i >= 0; i--) {
			chars[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}

package dev.braintrust.spring.tracing.propagation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes members of a W3C {@code baggage} header: percent-encoding of values,
 * lookup of a member, and merging of a member into existing baggage within the
 * specification's limits (64 members, 8192 bytes), leaving every other member as it was.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class W3cBaggage {

	/** The header name. */
	public static final String HEADER = "baggage";

	/** The largest number of members a baggage header may carry. */
	public static final int MAX_MEMBERS = 64;

	/** The largest size of a baggage header, in bytes. */
	public static final int MAX_BYTES = 8192;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private W3cBaggage() {
	}

	/**
	 * Percent-encode a value: every UTF-8 byte except the unreserved characters of RFC
	 * 3986 ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX}, with upper-case hex digits.
	 * The result holds only characters a baggage value may carry.
	 * @param value the value
	 * @return the encoded value
	 */
	public static String percentEncode(String value) {
		StringBuilder encoded = new StringBuilder(value.length() + 16);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return encoded.toString();
	}

	/**
	 * Decode a percent-encoded value ({@code +} stays a plus sign).
	 * @param value the encoded value
	 * @return the decoded value, or null when an escape or the UTF-8 it encodes is
	 * malformed
	 */
	public static @Nullable String percentDecode(String value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
		int i = 0;
		while (i < value.length()) {
			int c = value.codePointAt(i);
			if (c == '%') {
				if (i + 2 >= value.length()) {
					return null;
				}
				int high = Character.digit(value.charAt(i + 1), 16);
				int low = Character.digit(value.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.write((high << 4) | low);
				i += 3;
			}
			else {
				bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(c);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * Find a member's value in the baggage headers of a message.
	 * @param headerValues every value of the {@code baggage} header
	 * @param key the member's key (compared exactly)
	 * @return the member's value, still percent-encoded and without properties, or null
	 * when there is no such member
	 */
	public static @Nullable String find(List<String> headerValues, String key) {
		for (String member : members(headerValues)) {
			if (key.equals(keyOf(member))) {
				int equals = member.indexOf('=');
				int semicolon = member.indexOf(';', equals);
				String value = (semicolon >= 0) ? member.substring(equals + 1, semicolon)
						: member.substring(equals + 1);
				return value.strip();
			}
		}
		return null;
	}

	/**
	 * Merge a member into existing baggage: a member with the same key is replaced, all
	 * others are kept in order.
	 * @param headerValues every value of the {@code baggage} header, possibly none
	 * @param key the member's key
	 * @param encodedValue the member's value, already percent-encoded
	 * @return the new header value, or null when the result would exceed
	 * {@value #MAX_MEMBERS} members or {@value #MAX_BYTES} bytes (the existing header is
	 * then best left as it is)
	 */
	public static @Nullable String merge(List<String> headerValues, String key, String encodedValue) {
		List<String> members = new ArrayList<>();
		for (String member : members(headerValues)) {
			if (!key.equals(keyOf(member))) {
				members.add(member);
			}
		}
		members.add(key + "=" + encodedValue);
		if (members.size() > MAX_MEMBERS) {
			return null;
		}
		String merged = String.join(",", members);
		return (merged.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) ? merged : null;
	}

	private static List<String> members(List<String> headerValues) {
		List<String> members = new ArrayList<>();
		for (String headerValue : headerValues) {
			if (headerValue == null) {
				continue;
			}
			for (String member : headerValue.split(",")) {
				String trimmed = member.strip();
				if (!trimmed.isEmpty()) {
					members.add(trimmed);
				}
			}
		}
		return members;
	}

	private static @Nullable String keyOf(String member) {
		int equals = member.indexOf('=');
		return (equals > 0) ? member.substring(0, equals).strip() : null;
	}

}

package dev.braintrust.spring.export;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a URL component the way the official SDKs encode names in links
 * (Python's {@code quote(value, safe="")}): everything but the unreserved characters of
 * RFC 3986 ({@code A-Z a-z 0-9 - . _ ~}) is encoded as UTF-8 bytes, {@code /} and spaces
 * included, so a value fits in a path segment as well as in a query.
 *
 * @author Braintrust
 */
final class PercentEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private PercentEncoding() {
	}

	static String encode(String value) {
		StringBuilder encoded = null;
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			if (isUnreserved(b)) {
				if (encoded != null) {
					encoded.append((char) b);
				}
				continue;
			}
			if (encoded == null) {
				encoded = new StringBuilder(bytes.length + 16);
				encoded.append(new String(bytes, 0, i, StandardCharsets.US_ASCII));
			}
			encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
		}
		return (encoded != null) ? encoded.toString() : value;
	}

	private static boolean isUnreserved(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
				|| b == '_' || b == '~';
	}

}

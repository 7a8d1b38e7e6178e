package dev.braintrust.spring.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Safe, stable file names for project, experiment and dataset names, which may hold any
 * character.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class FileNames {

	private static final int MAX_LENGTH = 80;

	private FileNames() {
	}

	/**
	 * A file name for a name: kept as is when it is made of letters, digits, dot, dash
	 * and underscore; otherwise those characters are kept, the others replaced by
	 * {@code _}, and a short hash of the original is appended so two names never share a
	 * file.
	 * @param name the name
	 * @return the file name
	 */
	static String safe(String name) {
		StringBuilder safe = new StringBuilder(name.length());
		boolean changed = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || (c == '.' && i > 0);
			safe.append(allowed ? c : '_');
			changed |= !allowed;
		}
		if (safe.length() > MAX_LENGTH) {
			safe.setLength(MAX_LENGTH);
			changed = true;
		}
		if (changed || safe.length() == 0) {
			CRC32 crc = new CRC32();
			crc.update(name.getBytes(StandardCharsets.UTF_8));
			safe.append('-').append(HexFormat.of().toHexDigits((int) crc.getValue()));
		}
		return safe.toString();
	}

	/**
	 * The first characters of a key, to tell apart experiments of the same name.
	 * @param key the key
	 * @return up to 8 safe characters
	 */
	static String shortKey(String key) {
		String safe = safe(key.replace("-", ""));
		return (safe.length() > 8) ? safe.substring(0, 8) : safe;
	}

}

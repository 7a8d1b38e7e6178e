package dev.braintrust.spring.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Cuts off a last line left incomplete by a crash, so appends start on a line of their
 * own. Every complete line (ending with a newline) stays.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class TornLineRepair {

	private static final Log logger = LogFactory.getLog(TornLineRepair.class);

	private static final int CHUNK = 8192;

	private TornLineRepair() {
	}

	/**
	 * Repair a file in place.
	 * @param file the JSON Lines file
	 * @return the number of bytes cut off
	 * @throws IOException when the file cannot be read or truncated
	 */
	static long repair(Path file) throws IOException {
		if (!Files.exists(file)) {
			return 0;
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			if (size == 0 || lastByte(channel, size) == '\n') {
				return 0;
			}
			long keep = endOfLastCompleteLine(channel, size);
			channel.truncate(keep);
			channel.force(true);
			long cut = size - keep;
			logger.warn("Repaired " + file + ": removed an incomplete last row of " + cut
					+ " bytes (left by a crash or a kill during a write); all complete rows are kept");
			return cut;
		}
	}

	private static byte lastByte(FileChannel channel, long size) throws IOException {
		ByteBuffer one = ByteBuffer.allocate(1);
		channel.read(one, size - 1);
		return one.get(0);
	}

	private static long endOfLastCompleteLine(FileChannel channel, long size) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
		long end = size;
		while (end > 0) {
			long start = Math.max(0, end - CHUNK);
			buffer.clear();
			buffer.limit((int) (end - start));
			channel.read(buffer, start);
			for (int i = (int) (end - start) - 1; i >= 0; i--) {
				if (buffer.get(i) == '\n') {
					return start + i + 1;
				}
			}
			end = start;
		}
		return 0;
	}

}

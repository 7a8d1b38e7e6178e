package dev.braintrust.spring.export;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * An append-only, size-bounded queue of lines on disk that survives restarts: rows wait
 * here while Braintrust is unreachable. Lines go to numbered segment files
 * ({@code spool-<n>.jsonl}); a cursor file records how far the oldest segment was
 * delivered, and segments are deleted once delivered. Reading starts at the cursor, so a
 * crash between sending and committing re-sends a suffix in order (at-least-once). A
 * segment whose last line was torn by a crash is cut back to its last complete line when
 * the spool is opened. One process at a time: the directory is locked.
 *
 * @author Braintrust
 */
final class DiskSpool implements Closeable {

	private static final Log logger = LogFactory.getLog(DiskSpool.class);

	private static final Pattern SEGMENT = Pattern.compile("spool-(\\d{20})\\.jsonl");

	private static final String CURSOR = "cursor";

	private static final int READ_BLOCK = 64 * 1024;

	private final Path directory;

	private final long maxBytes;

	private final long segmentBytes;

	private final TreeMap<Long, Path> segments = new TreeMap<>();

	private final FileChannel lockChannel;

	private final FileLock lock;

	private long cursorSegment;

	private long cursorOffset;

	private long totalBytes;

	private @Nullable FileChannel appendChannel;

	private long appendSegment = -1;

	private boolean closed;

	/**
	 * Open (and create if needed) a spool.
	 * @param directory the directory
	 * @param maxBytes the largest total size of the segment files
	 * @throws IllegalStateException when the directory cannot be used
	 */
	DiskSpool(Path directory, long maxBytes) {
		this.directory = directory.toAbsolutePath().normalize();
		this.maxBytes = maxBytes;
		this.segmentBytes = Math.max(64 * 1024, Math.min(16L * 1024 * 1024, maxBytes / 8));
		try {
			Files.createDirectories(this.directory);
			this.lockChannel = FileChannel.open(this.directory.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Cannot use " + this.directory
							+ " as the Braintrust export spool (braintrust.export.spool-directory): " + ex.getMessage(),
					ex);
		}
		this.lock = tryLock();
		open();
	}

	private FileLock tryLock() {
		FileLock acquired;
		try {
			acquired = this.lockChannel.tryLock();
		}
		catch (OverlappingFileLockException | IOException ex) {
			acquired = null;
		}
		if (acquired == null) {
			closeQuietly(this.lockChannel);
			throw new IllegalStateException("The Braintrust export spool " + this.directory
					+ " is in use by another exporter; give each application instance its own "
					+ "braintrust.export.spool-directory");
		}
		return acquired;
	}

	private void open() {
		try (Stream<Path> files = Files.list(this.directory)) {
			files.forEach((file) -> {
				Matcher matcher = SEGMENT.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					this.segments.put(Long.parseLong(matcher.group(1)), file);
				}
			});
			readCursor();
			// segments before the cursor were delivered; a crash came before their
			// deletion
			while (!this.segments.isEmpty() && this.segments.firstKey() < this.cursorSegment) {
				Files.deleteIfExists(this.segments.pollFirstEntry().getValue());
			}
			if (this.segments.isEmpty() || this.segments.firstKey() != this.cursorSegment) {
				this.cursorOffset = 0;
				this.cursorSegment = this.segments.isEmpty() ? 0 : this.segments.firstKey();
			}
			if (!this.segments.isEmpty()) {
				repairTail(this.segments.lastEntry().getValue());
			}
			for (Path segment : this.segments.values()) {
				this.totalBytes += Files.size(segment);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Cannot read the Braintrust export spool " + this.directory + ": " + ex.getMessage(), ex);
		}
		if (hasPending()) {
			logger.info("The Braintrust export spool " + this.directory + " holds " + this.totalBytes
					+ " bytes of rows from an earlier run; they will be sent when Braintrust answers");
		}
	}

	private void readCursor() throws IOException {
		Path cursor = this.directory.resolve(CURSOR);
		if (!Files.exists(cursor)) {
			return;
		}
		String[] parts = Files.readString(cursor, StandardCharsets.US_ASCII).trim().split(" ");
		try {
			this.cursorSegment = Long.parseLong(parts[0]);
			this.cursorOffset = Long.parseLong(parts[1]);
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring the unreadable spool cursor " + cursor + "; spooled rows may be sent twice");
			this.cursorSegment = 0;
			this.cursorOffset = 0;
		}
	}

	/** Cut a segment back to its last complete line (a crash may have torn the end). */
	private void repairTail(Path segment) throws IOException {
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			long end = size;
			ByteBuffer one = ByteBuffer.allocate(1);
			while (end > 0) {
				one.clear();
				channel.read(one, end - 1);
				if (one.get(0) == '\n') {
					break;
				}
				end--;
			}
			if (end < size) {
				channel.truncate(end);
				logger.warn("Cut a torn line (" + (size - end) + " bytes) from the end of the Braintrust export spool "
						+ segment + "; the row being written when the process stopped is lost");
			}
		}
	}

	/**
	 * Whether lines wait to be delivered.
	 * @return true when the spool is not empty
	 */
	synchronized boolean hasPending() {
		if (this.segments.isEmpty()) {
			return false;
		}
		if (this.segments.size() > 1) {
			return true;
		}
		return this.cursorOffset < size(this.segments.firstEntry().getValue());
	}

	/**
	 * The bytes the spool's files take.
	 * @return the size
	 */
	synchronized long sizeBytes() {
		return this.totalBytes;
	}

	/**
	 * Append lines, in order, as long as they fit, and force them to disk.
	 * @param lines the lines, without line breaks
	 * @return how many were appended: the first ones; the others did not fit
	 */
	synchronized int append(List<byte[]> lines) {
		if (this.closed) {
			return 0;
		}
		// an interrupt (the logger shutting down) would close the channel mid-write
		boolean interrupted = Thread.interrupted();
		int appended = 0;
		try {
			for (byte[] line : lines) {
				if (this.totalBytes + line.length + 1 > this.maxBytes) {
					break;
				}
				FileChannel channel = appendChannel();
				ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				this.totalBytes += line.length + 1;
				appended++;
			}
			if (appended > 0 && this.appendChannel != null) {
				this.appendChannel.force(false);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot write to the Braintrust export spool " + this.directory + ": " + ex);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		return appended;
	}

	/**
	 * Whether a line of this size would still fit.
	 * @param lineLength the line's length
	 * @return true when there is room
	 */
	synchronized boolean hasRoomFor(int lineLength) {
		return this.totalBytes + lineLength + 1 <= this.maxBytes;
	}

	private FileChannel appendChannel() throws IOException {
		if (this.appendChannel != null && this.appendChannel.isOpen()
				&& this.appendChannel.size() < this.segmentBytes) {
			return this.appendChannel;
		}
		closeQuietly(this.appendChannel);
		long next = this.segments.isEmpty() ? this.cursorSegment : this.segments.lastKey() + 1;
		if (this.segments.isEmpty()) {
			this.cursorSegment = next;
			this.cursorOffset = 0;
		}
		Path file = this.directory.resolve(String.format(Locale.ROOT, "spool-%020d.jsonl", next));
		this.appendChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		this.appendSegment = next;
		this.segments.put(next, file);
		return this.appendChannel;
	}

	/**
	 * Read the oldest undelivered lines, without consuming them.
	 * @param maxLines the most lines to read
	 * @param maxBytes the most bytes to read (at least one line is read)
	 * @return the lines, or null when the spool is empty
	 */
	synchronized @Nullable Chunk read(int maxLines, long maxBytes) {
		try {
			while (!this.segments.isEmpty()) {
				Map.Entry<Long, Path> first = this.segments.firstEntry();
				Path file = first.getValue();
				if (this.cursorOffset < size(file)) {
					return readLines(first.getKey(), file, maxLines, maxBytes);
				}
				if (this.segments.size() == 1) {
					return null;
				}
				dropFirstSegment();
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Braintrust export spool " + this.directory, ex);
		}
	}

	private Chunk readLines(long segment, Path file, int maxLines, long maxBytes) throws IOException {
		List<byte[]> lines = new ArrayList<>();
		long end = this.cursorOffset;
		long bytes = 0;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			long position = this.cursorOffset;
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			ByteBuffer buffer = ByteBuffer.allocate(READ_BLOCK);
			reading: while (position < size) {
				buffer.clear();
				int read = channel.read(buffer, position);
				if (read <= 0) {
					break;
				}
				for (int i = 0; i < read; i++) {
					byte b = buffer.get(i);
					if (b != '\n') {
						line.write(b);
						continue;
					}
					byte[] complete = line.toByteArray();
					line.reset();
					if (!lines.isEmpty() && bytes + complete.length > maxBytes) {
						break reading;
					}
					lines.add(complete);
					bytes += complete.length;
					end = position + i + 1;
					if (lines.size() >= maxLines) {
						break reading;
					}
				}
				position += read;
			}
		}
		return new Chunk(segment, end, lines);
	}

	/**
	 * Consume lines read with {@link #read}: they were delivered (or given up for good).
	 * @param chunk the lines
	 */
	synchronized void commit(Chunk chunk) {
		if (this.closed || this.segments.isEmpty() || chunk.segment() != this.segments.firstKey()) {
			return;
		}
		this.cursorOffset = Math.max(this.cursorOffset, chunk.end());
		try {
			Path file = this.segments.firstEntry().getValue();
			if (this.cursorOffset >= size(file)) {
				dropFirstSegment();
			}
			writeCursor();
		}
		catch (IOException ex) {
			logger.warn("Cannot update the Braintrust export spool cursor in " + this.directory + " (" + ex.getMessage()
					+ "); delivered rows may be sent again after a restart");
		}
	}

	private void dropFirstSegment() throws IOException {
		Map.Entry<Long, Path> first = this.segments.pollFirstEntry();
		if (first.getKey() == this.appendSegment) {
			closeQuietly(this.appendChannel);
			this.appendChannel = null;
			this.appendSegment = -1;
		}
		this.totalBytes -= size(first.getValue());
		Files.deleteIfExists(first.getValue());
		this.cursorSegment = this.segments.isEmpty() ? first.getKey() + 1 : this.segments.firstKey();
		this.cursorOffset = 0;
		if (this.segments.isEmpty()) {
			this.totalBytes = 0;
		}
	}

	private void writeCursor() throws IOException {
		Path cursor = this.directory.resolve(CURSOR);
		Path temporary = this.directory.resolve(CURSOR + ".tmp");
		Files.writeString(temporary, this.cursorSegment + " " + this.cursorOffset, StandardCharsets.US_ASCII);
		try {
			Files.move(temporary, cursor, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, cursor, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Force appended lines to disk.
	 */
	synchronized void force() {
		if (this.appendChannel != null && !this.closed) {
			try {
				this.appendChannel.force(false);
			}
			catch (IOException ex) {
				logger.warn("Cannot force the Braintrust export spool to disk: " + ex);
			}
		}
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		force();
		this.closed = true;
		closeQuietly(this.appendChannel);
		this.appendChannel = null;
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// released when the channel closes anyway
		}
		closeQuietly(this.lockChannel);
	}

	Path directory() {
		return this.directory;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void closeQuietly(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				// nothing more to do
			}
		}
	}

	/**
	 * Lines read from one segment.
	 *
	 * @param segment the segment number
	 * @param end the offset just after the last line
	 * @param lines the lines
	 */
	record Chunk(long segment, long end, List<byte[]> lines) {

	}

	@Override
	public String toString() {
		return "DiskSpool[" + this.directory + "]";
	}

}

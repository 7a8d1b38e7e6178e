package dev.braintrust.spring.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DiskSpool}.
 */
class DiskSpoolTests {

	@TempDir
	Path directory;

	@Test
	void readsLinesInOrderAndConsumesThemOnlyWhenCommitted() {
		try (DiskSpool spool = new DiskSpool(this.directory, 1024 * 1024)) {
			assertThat(spool.hasPending()).isFalse();
			assertThat(spool.append(lines("a", "b", "c"))).isEqualTo(3);
			DiskSpool.Chunk first = spool.read(2, 1024);
			assertThat(text(first)).containsExactly("a", "b");
			assertThat(text(spool.read(2, 1024))).containsExactly("a", "b");
			spool.commit(first);
			assertThat(text(spool.read(10, 1024))).containsExactly("c");
			spool.commit(spool.read(10, 1024));
			assertThat(spool.hasPending()).isFalse();
			assertThat(spool.read(10, 1024)).isNull();
			assertThat(spool.sizeBytes()).isZero();
		}
	}

	@Test
	void survivesARestartFromTheLastCommit() {
		try (DiskSpool spool = new DiskSpool(this.directory, 1024 * 1024)) {
			spool.append(lines("a", "b", "c"));
			spool.commit(spool.read(1, 1024));
		}
		try (DiskSpool reopened = new DiskSpool(this.directory, 1024 * 1024)) {
			assertThat(reopened.hasPending()).isTrue();
			assertThat(text(reopened.read(10, 1024))).containsExactly("b", "c");
			reopened.append(lines("d"));
			assertThat(text(reopened.read(10, 1024))).containsExactly("b", "c");
			reopened.commit(reopened.read(10, 1024));
			assertThat(text(reopened.read(10, 1024))).containsExactly("d");
		}
	}

	@Test
	void spansSegmentsAndDeletesThoseDelivered() throws IOException {
		String big = "x".repeat(1000);
		try (DiskSpool spool = new DiskSpool(this.directory, 1024 * 1024)) {
			List<byte[]> many = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				many.add((i + ":" + big).getBytes(StandardCharsets.UTF_8));
			}
			assertThat(spool.append(many)).isEqualTo(200);
			assertThat(segments()).hasSizeGreaterThan(1);
			List<String> read = new ArrayList<>();
			DiskSpool.Chunk chunk;
			while ((chunk = spool.read(7, 64 * 1024)) != null) {
				text(chunk).forEach((line) -> read.add(line.substring(0, line.indexOf(':'))));
				spool.commit(chunk);
			}
			assertThat(read).hasSize(200).first().isEqualTo("0");
			assertThat(read).last().isEqualTo("199");
			assertThat(segments()).isEmpty();
		}
	}

	@Test
	void cutsATornLastLineWhenOpened() throws IOException {
		try (DiskSpool spool = new DiskSpool(this.directory, 1024 * 1024)) {
			spool.append(lines("a", "b"));
		}
		Files.write(segments().get(0), "{\"torn".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
		try (DiskSpool reopened = new DiskSpool(this.directory, 1024 * 1024)) {
			assertThat(text(reopened.read(10, 1024))).containsExactly("a", "b");
			reopened.append(lines("c"));
			reopened.commit(reopened.read(10, 1024));
			assertThat(text(reopened.read(10, 1024))).containsExactly("c");
		}
	}

	@Test
	void appendsOnlyWhatFitsInTheMaximumSize() {
		try (DiskSpool spool = new DiskSpool(this.directory, 2048)) {
			List<byte[]> lines = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				lines.add("y".repeat(500).getBytes(StandardCharsets.UTF_8));
			}
			assertThat(spool.append(lines)).isEqualTo(4);
			assertThat(spool.sizeBytes()).isLessThanOrEqualTo(2048);
		}
	}

	@Test
	void oneSpoolPerDirectory() {
		try (DiskSpool spool = new DiskSpool(this.directory, 2048)) {
			assertThatIllegalStateException().isThrownBy(() -> new DiskSpool(this.directory, 2048))
				.withMessageContaining("in use by another exporter")
				.withMessageContaining("braintrust.export.spool-directory");
		}
	}

	private List<Path> segments() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jsonl")).sorted().toList();
		}
	}

	private static List<byte[]> lines(String... lines) {
		return Stream.of(lines).map((line) -> line.getBytes(StandardCharsets.UTF_8)).toList();
	}

	private static List<String> text(DiskSpool.Chunk chunk) {
		return chunk.lines().stream().map((line) -> new String(line, StandardCharsets.UTF_8)).toList();
	}

}

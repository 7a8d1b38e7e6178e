package dev.braintrust.spring.store;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a process that is writing to a {@link LocalStore} with SIGKILL, then checks that
 * the store opens, repairs itself and still holds every row the process had flushed.
 *
 * @author Braintrust
 */
@DisabledOnOs(OS.WINDOWS)
class LocalStoreCrashTests {

	private static final ObjectRef LOGS = ObjectRef.projectLogs("crash", null);

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void killMinusNineMidWriteLosesNoFlushedRow() throws Exception {
		Process writer = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
				Writer.class.getName(), this.directory.toString())
			.redirectErrorStream(true)
			.start();
		int flushed = 0;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("flushed ")) {
					flushed = Integer.parseInt(line.substring("flushed ".length()));
					if (flushed >= 2000) {
						break;
					}
				}
			}
			// SIGKILL while the writer is still appending: no shutdown hook, no final
			// flush.
			writer.destroyForcibly();
			assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(flushed).isGreaterThanOrEqualTo(2000);
		try (LocalStore store = new LocalStore(this.directory)) {
			List<ObjectNode> rows = store.readMergedRows(LOGS);
			assertThat(rows.size()).isGreaterThanOrEqualTo(flushed);
			for (int i = 0; i < flushed; i++) {
				assertThat(rows.get(i).get("input").intValue()).isEqualTo(i);
			}
			store.append(List.of());
			try (BraintrustLogger logger = BraintrustLogger.builder()
				.target(LOGS)
				.exporter(new LocalStoreExporter(store, new dev.braintrust.spring.logger.PipelineCounters()))
				.build()) {
				logger.log((event) -> event.id("after-crash").input(-1));
				logger.flush(Duration.ofSeconds(10));
			}
		}
		try (LocalStore reopened = new LocalStore(this.directory)) {
			List<ObjectNode> rows = reopened.readMergedRows(LOGS);
			assertThat(rows.get(rows.size() - 1).get("id").stringValue()).isEqualTo("after-crash");
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Writes rows as fast as it can, flushing after every hundred and saying so on
	 * stdout.
	 */
	static final class Writer {

		public static void main(String[] args) {
			LocalStore store = new LocalStore(new File(args[0]).toPath());
			try (BraintrustLogger logger = BraintrustLogger.builder()
				.target(LOGS)
				.exporter(new LocalStoreExporter(store, new dev.braintrust.spring.logger.PipelineCounters()))
				.maxBatchSize(37)
				.build()) {
				for (int i = 0;; i++) {
					int value = i;
					logger.log((event) -> event.input(value).output("x".repeat(200)));
					if ((i + 1) % 100 == 0) {
						logger.flush(Duration.ofSeconds(30));
						System.out.println("flushed " + (i + 1));
						System.out.flush();
					}
				}
			}
		}

	}

}

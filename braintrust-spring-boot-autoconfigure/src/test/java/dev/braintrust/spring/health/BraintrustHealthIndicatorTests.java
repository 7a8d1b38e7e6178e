package dev.braintrust.spring.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustHealthIndicator}.
 *
 * @author Braintrust
 */
class BraintrustHealthIndicatorTests {

	@TempDir
	Path directory;

	@Test
	void isUpWhileTheLocalStoreIsWritableAndDownWhenItIsNot() throws IOException {
		Path storeDirectory = this.directory.resolve("store");
		try (LocalStore store = new LocalStore(storeDirectory); BraintrustLogger logger = localLogger(store)) {
			logger.log((event) -> event.input("q"));
			BraintrustHealthIndicator indicator = new BraintrustHealthIndicator("local", logger, store);

			Health up = indicator.health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("mode", "local")
				.containsEntry("dropped", 0L)
				.containsEntry("localStore", store.directory().toString())
				.containsKey("lastSuccess")
				.doesNotContainKey("lastError");

			FileSystemUtils.deleteRecursively(storeDirectory);
			Files.writeString(storeDirectory, "not a directory");
			Health down = indicator.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails().get("reason").toString()).contains("is not writable");
		}
	}

	@Test
	void isDownWhenTheRecentExportsAllFailedAndUpAgainAfterASuccess() {
		PipelineCounters counters = new PipelineCounters();
		FlakyExporter exporter = new FlakyExporter(counters);
		try (BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(exporter)
			.counters(counters)
			.async(false)
			.build()) {
			BraintrustHealthIndicator indicator = new BraintrustHealthIndicator("remote", logger, null);
			exporter.failing.set(true);
			for (int i = 1; i < BraintrustHealthIndicator.FAILURE_THRESHOLD; i++) {
				logger.log((event) -> event.input("q"));
			}
			assertThat(indicator.health().getStatus()).as("fewer failures than the threshold").isEqualTo(Status.UP);

			logger.log((event) -> event.input("q"));
			Health down = indicator.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("mode", "remote")
				.containsEntry("consecutiveFailures", (long) BraintrustHealthIndicator.FAILURE_THRESHOLD)
				.containsKey("lastErrorTime");
			assertThat(down.getDetails().get("lastError").toString()).contains("Braintrust is unreachable");

			exporter.failing.set(false);
			logger.log((event) -> event.input("q"));
			Health up = indicator.health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("consecutiveFailures", 0L).containsKey("lastError");
		}
	}

	@Test
	void reportsTheDisabledModeAsUp() {
		Health health = new BraintrustHealthIndicator("disabled", BraintrustLogger.noop(), null).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "disabled").containsEntry("dropped", 0L);
	}

	private static BraintrustLogger localLogger(LocalStore store) {
		PipelineCounters counters = new PipelineCounters();
		return BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(new LocalStoreExporter(store, counters))
			.counters(counters)
			.async(false)
			.build();
	}

	static class FlakyExporter implements LogExporter {

		final AtomicBoolean failing = new AtomicBoolean();

		private final PipelineCounters counters;

		FlakyExporter(PipelineCounters counters) {
			this.counters = counters;
		}

		@Override
		public void export(List<LogRow> rows) {
			if (this.failing.get()) {
				throw new IllegalStateException("Braintrust is unreachable");
			}
			this.counters.recordSent(rows.size());
		}

	}

}

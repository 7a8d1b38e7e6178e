package dev.braintrust.spring.logger;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BatchingRowProcessor}.
 *
 * @author Braintrust
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class BatchingRowProcessorTests {

	private static final ObjectRef LOGS = ObjectRef.projectLogs("p", null);

	private final RecordingExporter exporter = new RecordingExporter();

	private final PipelineCounters counters = new PipelineCounters();

	private BatchingRowProcessor processor;

	@AfterEach
	void shutdown() {
		if (this.processor != null) {
			this.exporter.gate.countDown();
			this.processor.shutdown(Duration.ofSeconds(5));
		}
	}

	@Test
	void builderRejectsInvalidConfiguration() {
		assertThatIllegalArgumentException().isThrownBy(() -> BraintrustLogger.builder().maxQueueSize(0))
			.withMessage("braintrust.logger.async.max-queue-size must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> BraintrustLogger.builder().scheduleDelay(Duration.ZERO))
			.withMessageContaining("braintrust.logger.async.schedule-delay must be a positive duration");
		assertThatIllegalArgumentException().isThrownBy(() -> BraintrustLogger.builder().maxBatchBytes(10))
			.withMessageContaining("braintrust.logger.async.max-batch-bytes");
	}

	@Test
	void exportsWhenBatchIsFull() {
		this.processor = processor(1000, 10, Duration.ofHours(1));
		emit(10);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.exporter.rows().size() == 10);
		assertThat(this.exporter.batches).hasSize(1);
	}

	@Test
	void exportsOnScheduleDelay() {
		this.processor = processor(1000, 100, Duration.ofMillis(50));
		emit(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.exporter.rows().size() == 3);
	}

	@Test
	void flushExportsEverythingQueuedBeforeIt() {
		this.processor = processor(1000, 100, Duration.ofHours(1));
		emit(42);
		assertThat(this.processor.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.exporter.rows()).hasSize(42);
		assertThat(this.exporter.flushes.get()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void dropsWhenQueueIsFullCountsEveryRowAndWarnsOnce(CapturedOutput output) {
		this.exporter.gate = new CountDownLatch(1);
		this.processor = processor(5, 1, Duration.ofMillis(1));
		emit(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.processor.stats().queued() == 0);
		emit(5 + 20);
		assertThat(this.processor.stats().dropped()).isEqualTo(20);
		assertThat(output.getAll().split("because the queue \\(capacity 5\\) was full", -1)).hasSize(2);
		this.exporter.gate.countDown();
		assertThat(this.processor.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.exporter.rows()).hasSize(6);
	}

	@Test
	void aThreadMarkedToWaitForRoomWaitsForTheExporterInsteadOfDropping() throws Exception {
		this.exporter.gate = new CountDownLatch(1);
		// a queue smaller than a batch: only a drain request empties it before the delay
		this.processor = new BatchingRowProcessor(this.exporter, new RowEncoder(null), this.counters, 4, 100, 1 << 20,
				Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(20));
		CountDownLatch emitted = new CountDownLatch(1);
		Thread marked = new Thread(() -> {
			try (Backpressure.Scope waiting = Backpressure.waitForRoom()) {
				emit(30);
			}
			emitted.countDown();
		});
		marked.start();
		// the worker is stuck in the exporter and the queue is full: the marked thread
		// waits
		await().atMost(Duration.ofSeconds(10)).until(() -> this.processor.stats().queued() == 4);
		assertThat(emitted.getCount()).isOne();
		// meanwhile an unmarked thread, like an application's, drops and moves on
		emit(3);
		assertThat(this.processor.stats().dropped()).isEqualTo(3);
		this.exporter.gate.countDown();
		assertThat(emitted.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(this.processor.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.exporter.rows()).hasSize(30);
		assertThat(this.processor.stats().dropped()).isEqualTo(3);
		assertThat(Backpressure.waitsForRoom()).isFalse();
	}

	@Test
	void aMarkedThreadDropsOnceTheWaitRunsOut() {
		this.exporter.gate = new CountDownLatch(1);
		this.processor = new BatchingRowProcessor(this.exporter, new RowEncoder(null), this.counters, 2, 100, 1 << 20,
				Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMillis(50));
		try (Backpressure.Scope waiting = Backpressure.waitForRoom()) {
			emit(10);
		}
		assertThat(this.processor.stats().dropped()).isPositive();
		assertThat(this.processor.queueCapacity()).isEqualTo(2);
	}

	@Test
	void exporterFailureCountsRowsAndDoesNotKillTheWorker(CapturedOutput output) {
		this.exporter.failuresLeft = 1;
		this.processor = processor(1000, 100, Duration.ofHours(1));
		emit(4);
		this.processor.flush(Duration.ofSeconds(10));
		emit(3);
		this.processor.flush(Duration.ofSeconds(10));
		assertThat(this.exporter.rows()).hasSize(3);
		LoggerStats stats = this.processor.stats();
		assertThat(stats.dropped()).isEqualTo(4);
		assertThat(stats.failedExports()).isEqualTo(1);
		assertThat(stats.lastError()).isEqualTo("IllegalStateException: exporter down");
		assertThat(output.getAll()).contains("Braintrust export failed, 4 row(s) dropped");
	}

	@Test
	void batchesAreBoundedByBytes() {
		this.processor = new BatchingRowProcessor(this.exporter, new RowEncoder(null), this.counters, 1000, 100, 2048,
				Duration.ofHours(1), Duration.ofMinutes(1));
		for (int i = 0; i < 10; i++) {
			ObjectNode row = row("r" + i);
			row.put("input", "x".repeat(500));
			this.processor.emit(LOGS, RowKind.EVENT, row);
		}
		this.processor.flush(Duration.ofSeconds(10));
		assertThat(this.exporter.rows()).hasSize(10);
		assertThat(this.exporter.batches).allSatisfy(
				(batch) -> assertThat(batch.stream().mapToInt((row) -> row.json().length).sum()).isLessThan(2048));
	}

	@Test
	void shutdownFlushesAndIsIdempotent() {
		this.processor = processor(1000, 100, Duration.ofHours(1));
		emit(7);
		assertThat(this.processor.shutdown(Duration.ofSeconds(10))).isTrue();
		assertThat(this.processor.shutdown(Duration.ofSeconds(10))).isTrue();
		assertThat(this.exporter.rows()).hasSize(7);
		assertThat(this.exporter.shutdowns.get()).isEqualTo(1);
		emit(2);
		assertThat(this.processor.stats().dropped()).isEqualTo(2);
	}

	@Test
	void shutdownTimeoutCountsRowsLeftBehind(CapturedOutput output) {
		this.exporter.gate = new CountDownLatch(1);
		this.processor = processor(1000, 1, Duration.ofMillis(1));
		emit(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.processor.stats().queued() == 0);
		emit(3);
		assertThat(this.processor.shutdown(Duration.ofMillis(200))).isFalse();
		assertThat(output.getAll()).contains("with 3 row(s) not exported");
		// the row stuck in the interrupted export is lost too, and counted
		await().atMost(Duration.ofSeconds(10)).until(() -> this.processor.stats().dropped() == 4);
	}

	@Test
	void maskingIsAppliedBeforeExportAndAFailingMaskNeverLeaksData() {
		MaskingFunction masking = (value) -> {
			if (value.isString() && value.stringValue().contains("fail")) {
				throw new IllegalStateException("mask broke");
			}
			return value.isString() ? JsonNodeFactory.instance.stringNode("***") : value;
		};
		this.processor = new BatchingRowProcessor(this.exporter, new RowEncoder(masking), this.counters, 100, 10,
				1 << 20, Duration.ofHours(1), Duration.ofMinutes(1));
		ObjectNode first = row("a");
		first.put("input", "secret");
		ObjectNode second = row("b");
		second.put("input", "please fail");
		this.processor.emit(LOGS, RowKind.EVENT, first);
		this.processor.emit(LOGS, RowKind.EVENT, second);
		this.processor.flush(Duration.ofSeconds(10));
		assertThat(this.exporter.json()).extracting((row) -> row.get("input").stringValue())
			.containsExactly("***", "ERROR: Failed to mask field 'input' - IllegalStateException");
	}

	private BatchingRowProcessor processor(int queue, int batch, Duration delay) {
		return new BatchingRowProcessor(this.exporter, new RowEncoder(null), this.counters, queue, batch, 1 << 20,
				delay, Duration.ofMinutes(1));
	}

	private void emit(int count) {
		for (int i = 0; i < count; i++) {
			this.processor.emit(LOGS, RowKind.EVENT, row(SpanIds.newRowId()));
		}
	}

	private static ObjectNode row(String id) {
		ObjectNode row = JsonNodeFactory.instance.objectNode();
		row.put("id", id);
		return row;
	}

}

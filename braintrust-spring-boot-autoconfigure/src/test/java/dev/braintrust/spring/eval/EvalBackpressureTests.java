package dev.braintrust.spring.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.braintrust.spring.eval.experiment.CaseRecords;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EvalRunner} with a logger queue far smaller than the rows an eval
 * writes: nothing may be lost.
 *
 * @author Braintrust
 */
class EvalBackpressureTests {

	private static final int CASES = 300;

	@TempDir
	Path directory;

	@Test
	@Timeout(120)
	void aLargeEvalLosesNoRowToATinyQueueWhileApplicationThreadsStillNeverWait() throws Exception {
		LocalStore store = new LocalStore(this.directory);
		PipelineCounters counters = new PipelineCounters();
		SlowExporter exporter = new SlowExporter(new LocalStoreExporter(store, counters));
		try (BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("backpressure", null))
			.exporter(exporter)
			.counters(counters)
			.maxQueueSize(16)
			.maxBatchSize(8)
			.scheduleDelay(Duration.ofMillis(50))
			.build()) {
			EvalRunner runner = EvalRunner.builder(logger)
				.localStore(store)
				.progressInterval(Duration.ZERO)
				.workingDirectory(this.directory)
				.build();

			EvalResult result = runner.run("big", definition());

			assertThat(logger.stats().dropped()).isZero();
			assertThat(result.cases()).hasSize(CASES).noneMatch(EvalCaseResult::failed);
			List<ObjectNode> rows = store.readMergedRows(result.experiment());
			// eval, task, two spans of the task, two score spans: six spans a case
			assertThat(rows).hasSize(CASES * 6);
			assertThat(CaseRecords.fromRows(rows)).hasSize(CASES)
				.allSatisfy((record) -> assertThat(record.scores()).containsOnlyKeys("even", "small"));
			assertThat(result.summary().scores().get("even").score()).isEqualTo(0.5);
			// the run held its case threads back: it flushed before cases, not only at
			// the end
			assertThat(exporter.flushes.get()).isGreaterThan(1);

			// the same queue, filled from this (an application's) thread while the
			// exporter
			// is stuck: the rows are dropped and counted, and the thread goes on
			exporter.gate = new CountDownLatch(1);
			for (int i = 0; i < 100; i++) {
				logger.log(LogEvent.builder().input(i).build());
			}
			assertThat(logger.stats().dropped()).isGreaterThanOrEqualTo(100 - 16 - 8);
			exporter.gate.countDown();
		}
	}

	private static EvalDefinition<Integer, Integer> definition() {
		List<EvalCase<Integer, Integer>> cases = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			cases.add(EvalCase.of(i, i));
		}
		return EvalDefinition.<Integer, Integer>builder().data(EvalData.of(cases)).task((input) -> {
			for (String step : List.of("retrieve", "answer")) {
				Span span = CurrentSpan.get().startSpan(step);
				span.log(LogEvent.builder().input(input).output(step).metadata("step", step).build());
				span.end();
			}
			return input;
		})
			.scorers(Scorer.of("even", (args) -> args.output() instanceof Integer value && value % 2 == 0),
					Scorer.of("small", (args) -> args.output() instanceof Integer value && value < CASES / 2))
			.options((options) -> options.maxConcurrency(8))
			.build();
	}

	/**
	 * Writes to the local store slowly, and stops while its gate is closed.
	 */
	static final class SlowExporter implements LogExporter {

		private final LogExporter delegate;

		final AtomicInteger flushes = new AtomicInteger();

		volatile CountDownLatch gate = new CountDownLatch(0);

		SlowExporter(LogExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public void export(List<LogRow> rows) throws Exception {
			this.gate.await();
			Thread.sleep(1);
			this.delegate.export(rows);
		}

		@Override
		public void flush() throws Exception {
			this.flushes.incrementAndGet();
			this.delegate.flush();
		}

		@Override
		public void shutdown() {
			this.delegate.shutdown();
		}

	}

}

package dev.braintrust.spring.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.braintrust.spring.eval.EvalCase;
import dev.braintrust.spring.eval.EvalCaseResult;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalListener;
import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;

import org.springframework.util.FileSystemUtils;

/**
 * How close the eval runner comes to the ideal: 1,000 cases whose task sleeps 20 ms, at
 * concurrency 50, in local mode (the real logger and local store, the real runner with
 * its spans, scorer and summary), against the ideal 1000 × 20 ms / 50 = 400 ms.
 *
 * @author Braintrust
 */
public final class EvalFigures {

	private static final int CASES = 1000;

	private static final long TASK_MILLIS = 20;

	private static final int CONCURRENCY = 50;

	private EvalFigures() {
	}

	public static void main(String[] args) throws Exception {
		int runs = Figures.quick(args) ? 3 : 7;
		Path directory = Files.createTempDirectory("braintrust-bench-eval");
		PipelineCounters counters = new PipelineCounters();
		LocalStore store = new LocalStore(directory.resolve("store"));
		List<Double> efficiencies = new ArrayList<>();
		try (BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("eval-benchmark", null))
			.exporter(new LocalStoreExporter(store, counters))
			.counters(counters)
			.permalinks(store::permalink)
			.build()) {
			Phases phases = new Phases();
			EvalRunner runner = EvalRunner.builder(logger)
				.localStore(store)
				.listener(phases)
				.progressInterval(Duration.ZERO)
				.workingDirectory(directory)
				.build();
			double ideal = CASES * TASK_MILLIS / (double) CONCURRENCY / 1000.0;
			// the first run warms the JIT and is not counted
			for (int run = 0; run <= runs; run++) {
				long start = System.nanoTime();
				phases.start = start;
				EvalResult result = runner.run("sleepy", definition());
				double seconds = (System.nanoTime() - start) / 1e9;
				if (result.cases().size() != CASES || result.errorCount() != 0) {
					throw new IllegalStateException("Expected " + CASES + " successful cases, got "
							+ result.cases().size() + " with " + result.errorCount() + " errors");
				}
				double efficiency = ideal / seconds;
				Figures.note(String.format(Locale.ROOT,
						"eval run %d%s: %.3f s, efficiency %.3f (first case started at %.3f s, last case done at "
								+ "%.3f s)",
						run, (run == 0) ? " (warm-up)" : "", seconds, efficiency, phases.seconds(phases.started),
						phases.seconds(phases.lastCase)));
				if (run > 0) {
					efficiencies.add(efficiency);
				}
			}
			Figures.note("logger after the runs: " + logger.stats());
		}
		Figures.report("eval_efficiency", Figures.median(efficiencies));
		FileSystemUtils.deleteRecursively(directory);
	}

	private static EvalDefinition<Integer, Integer> definition() {
		List<EvalCase<Integer, Integer>> cases = new ArrayList<>(CASES);
		for (int i = 0; i < CASES; i++) {
			cases.add(EvalCase.of(i, i));
		}
		return EvalDefinition.<Integer, Integer>builder().data(EvalData.of(cases)).task((Integer input) -> {
			sleep();
			return input;
		})
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.options((options) -> options.maxConcurrency(CONCURRENCY))
			.build();
	}

	/**
	 * When the cases ran, to tell the cases' time from the set-up and summary around
	 * them.
	 */
	private static final class Phases implements EvalListener {

		volatile long start;

		volatile long started;

		volatile long lastCase;

		@Override
		public void runStarted(String evalName, String experimentName, int totalCases) {
			this.started = System.nanoTime();
		}

		@Override
		public void caseCompleted(String evalName, EvalCaseResult result) {
			this.lastCase = System.nanoTime();
		}

		double seconds(long time) {
			return (time - this.start) / 1e9;
		}

	}

	private static void sleep() {
		try {
			Thread.sleep(TASK_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}

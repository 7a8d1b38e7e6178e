package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TracedBenchmark} with JMH and reports {@code traced_overhead_ns} (traced
 * minus untraced) and {@code traced_vs_otel_ratio} (that overhead divided by the
 * OpenTelemetry span's overhead over the same untraced call), all from the same run, in
 * the caller thread's CPU time per call (see {@link CallerCpu}); JMH's wall-time scores
 * are printed as notes.
 *
 * @author Braintrust
 */
public final class TracedFigures {

	private TracedFigures() {
	}

	public static void main(String[] args) throws Exception {
		boolean quick = Figures.quick(args);
		Path cpuFile = Files.createTempFile("braintrust-bench-cpu", ".txt");
		ChainedOptionsBuilder options = new OptionsBuilder().include(TracedBenchmark.class.getName() + "\\.")
			.threads(1)
			.timeUnit(TimeUnit.NANOSECONDS)
			.shouldFailOnError(true)
			.jvmArgsAppend("-Xms1g", "-Xmx1g", "-Dbenchmarks.cpu=" + cpuFile);
		if (quick) {
			options.forks(1)
				.warmupIterations(3)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(4)
				.measurementTime(TimeValue.seconds(1));
		}
		else {
			options.forks(3)
				.warmupIterations(5)
				.warmupTime(TimeValue.seconds(2))
				.measurementIterations(8)
				.measurementTime(TimeValue.seconds(2));
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<String, Double> wall = new HashMap<>();
		for (RunResult result : results) {
			String label = result.getPrimaryResult().getLabel();
			wall.put(label, result.getPrimaryResult().getScore());
			Figures.note(label + " (wall time): " + result.getPrimaryResult().getScore() + " ± "
					+ result.getPrimaryResult().getScoreError() + " ns/op");
		}
		Map<String, Double> cpu = callerCpu(cpuFile);
		cpu.forEach((label, nanos) -> Figures.note(label + " (caller CPU time): " + nanos + " ns/op"));
		Figures.note("wall-time overheads: traced " + (score(wall, "traced") - score(wall, "untraced"))
				+ " ns, OpenTelemetry " + (score(wall, "openTelemetry") - score(wall, "untraced")) + " ns");
		double untraced = score(cpu, "untraced");
		double traced = score(cpu, "traced") - untraced;
		double openTelemetry = score(cpu, "openTelemetry") - untraced;
		Figures.report("traced_overhead_ns", traced);
		Figures.report("traced_vs_otel_ratio", traced / openTelemetry);
		Files.deleteIfExists(cpuFile);
	}

	/** The mean over forks of each benchmark's caller CPU time per operation. */
	private static Map<String, Double> callerCpu(Path file) throws IOException {
		Map<String, List<Double>> byLabel = new HashMap<>();
		for (String line : Files.readAllLines(file)) {
			String[] parts = line.trim().split(" ");
			if (parts.length == 2) {
				byLabel.computeIfAbsent(parts[0], (label) -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
			}
		}
		Map<String, Double> means = new HashMap<>();
		byLabel.forEach((label, values) -> means.put(label,
				values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
		return means;
	}

	private static double score(Map<String, Double> scores, String label) {
		Double score = scores.get(label);
		if (score == null) {
			throw new IllegalStateException("JMH reported no score for " + label + ", only " + scores.keySet());
		}
		return score;
	}

}

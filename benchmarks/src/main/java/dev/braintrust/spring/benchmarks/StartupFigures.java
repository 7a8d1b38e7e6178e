package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * Start-up cost of the starter: the sample application's context started in fresh JVMs,
 * alternately with and without the starter's auto-configuration (see
 * {@link StartupProbe}), and the median of the ratios of each back-to-back pair. The
 * class path of the sample application comes from the {@code benchmarks.sample.classpath}
 * system property.
 *
 * @author Braintrust
 */
public final class StartupFigures {

	private StartupFigures() {
	}

	public static void main(String[] args) throws Exception {
		int pairs = Figures.quick(args) ? 4 : 12;
		String classPath = System.getProperty("benchmarks.sample.classpath");
		if (classPath == null) {
			throw new IllegalStateException("Set benchmarks.sample.classpath to the sample application's class path");
		}
		Path directory = Files.createTempDirectory("braintrust-bench-startup");
		List<Double> with = new ArrayList<>();
		List<Double> without = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		// one pair to warm the disk cache, not counted
		for (int pair = 0; pair <= pairs; pair++) {
			double withMillis = start(classPath, "with", directory);
			double withoutMillis = start(classPath, "without", directory);
			Figures.note(String.format(Locale.ROOT, "start-up pair %d%s: with %.0f ms, without %.0f ms", pair,
					(pair == 0) ? " (warm-up)" : "", withMillis, withoutMillis));
			if (pair > 0) {
				with.add(withMillis);
				without.add(withoutMillis);
				ratios.add(withMillis / withoutMillis);
			}
		}
		double withMedian = Figures.median(with);
		double withoutMedian = Figures.median(without);
		Figures.note(
				String.format(Locale.ROOT, "median start-up: with %.0f ms, without %.0f ms (ratio of the medians %.3f)",
						withMedian, withoutMedian, withMedian / withoutMedian));
		// The two starts of a pair ran back to back, under the same load from whatever
		// else
		// the machine runs: the median of the pairs' ratios is steadier than the ratio of
		// medians taken over minutes.
		Figures.report("startup_overhead_ratio", Figures.median(ratios));
		FileSystemUtils.deleteRecursively(directory);
	}

	private static double start(String classPath, String mode, Path directory)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath, StartupProbe.class.getName(),
				mode, directory.resolve(mode).toString())
			.redirectErrorStream(true);
		// the sample runs its offline model unless an OpenAI key or URL is set
		builder.environment().keySet().removeIf((name) -> name.startsWith("OPENAI_") || name.startsWith("SPRING_AI"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("The sample application failed to start (" + mode + "):\n" + output);
		}
		for (String line : output.split("\\R")) {
			if (line.startsWith("startup_nanos ")) {
				return Long.parseLong(line.substring("startup_nanos ".length()).trim()) / 1e6;
			}
		}
		throw new IllegalStateException("No start-up time in the output (" + mode + "):\n" + output);
	}

}

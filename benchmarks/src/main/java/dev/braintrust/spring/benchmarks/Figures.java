package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Where a harness reports its figures: one {@code name: value} line each, on standard
 * output and appended to the file named by the {@code benchmarks.figures} system property
 * (which {@code run.sh} prints at the end).
 *
 * @author Braintrust
 */
final class Figures {

	private Figures() {
	}

	static void report(String name, double value) {
		String line = name + ": " + format(value);
		System.out.println(line);
		String file = System.getProperty("benchmarks.figures");
		if (file != null) {
			try {
				Files.writeString(Path.of(file), line + System.lineSeparator(), StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	static void note(String message) {
		// details go to standard error, so that standard output carries the figures
		System.err.println("[benchmarks] " + message);
	}

	static boolean quick(String[] args) {
		for (String arg : args) {
			if (arg.equals("--quick")) {
				return true;
			}
		}
		return false;
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String format(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.valueOf((long) value);
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 100) ? "%.1f" : "%.3f", value);
	}

}

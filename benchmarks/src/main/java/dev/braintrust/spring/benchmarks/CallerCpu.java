package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The CPU time the benchmark thread spends per operation in measurement iterations. On a
 * small machine shared with the pipeline's own worker thread (and other processes), wall
 * time charges the caller for the time it waits to be scheduled; the thread's CPU time is
 * what the call itself costs it. Each trial appends {@code label cpuNanosPerOp} to the
 * file named by the {@code benchmarks.cpu} system property.
 *
 * @author Braintrust
 */
@State(Scope.Thread)
public class CallerCpu {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** Operations counted in the current iteration (incremented by every benchmark). */
	public long operations;

	private boolean measuring;

	private long iterationStart;

	private long totalCpuNanos;

	private long totalOperations;

	@Setup(Level.Iteration)
	public void startIteration(IterationParams iteration) {
		this.measuring = iteration.getType() == IterationType.MEASUREMENT;
		this.operations = 0;
		this.iterationStart = THREADS.getCurrentThreadCpuTime();
	}

	@TearDown(Level.Iteration)
	public void endIteration() {
		if (this.measuring) {
			this.totalCpuNanos += THREADS.getCurrentThreadCpuTime() - this.iterationStart;
			this.totalOperations += this.operations;
		}
	}

	@TearDown(Level.Trial)
	public void report(BenchmarkParams benchmark) {
		String file = System.getProperty("benchmarks.cpu");
		if (file == null || this.totalOperations == 0) {
			return;
		}
		String label = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
		String line = String.format(Locale.ROOT, "%s %.3f%n", label,
				(double) this.totalCpuNanos / this.totalOperations);
		try {
			Files.writeString(Path.of(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

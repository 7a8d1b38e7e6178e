package dev.braintrust.spring.eval;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs a run's progress at a fixed interval: cases done, of how many, the rate and the
 * time left. Short runs (done within one interval) log nothing.
 *
 * @author Braintrust
 */
final class ProgressMonitor implements AutoCloseable {

	private final Log logger;

	private final String evalName;

	private final int total;

	private final Duration interval;

	private final AtomicInteger done = new AtomicInteger();

	private final long startNanos = System.nanoTime();

	private @Nullable ScheduledExecutorService scheduler;

	ProgressMonitor(Log logger, String evalName, int total, Duration interval) {
		this.logger = logger;
		this.evalName = evalName;
		this.total = total;
		this.interval = interval;
	}

	void start() {
		if (this.interval.isZero() || this.interval.isNegative() || this.total == 0) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "braintrust-eval-progress");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(1, this.interval.toMillis());
		this.scheduler.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
	}

	void caseDone() {
		this.done.incrementAndGet();
	}

	int done() {
		return this.done.get();
	}

	double elapsedSeconds() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	String describe() {
		int completed = this.done.get();
		double elapsed = elapsedSeconds();
		double rate = (elapsed > 0) ? completed / elapsed : 0;
		StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "Eval '%s': %d/%d cases done (%d%%)",
				this.evalName, completed, this.total, (this.total > 0) ? completed * 100 / this.total : 100));
		message.append(String.format(Locale.ROOT, ", %.1f cases/s", rate));
		if (completed < this.total && rate > 0) {
			long left = Math.round((this.total - completed) / rate);
			message.append(", about ").append(formatSeconds(left)).append(" left");
		}
		return message.toString();
	}

	private void report() {
		if (this.done.get() < this.total && this.logger.isInfoEnabled()) {
			this.logger.info(describe());
		}
	}

	static String formatSeconds(long seconds) {
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m " + (seconds % 60) + "s";
		}
		return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
	}

	@Override
	public void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

}

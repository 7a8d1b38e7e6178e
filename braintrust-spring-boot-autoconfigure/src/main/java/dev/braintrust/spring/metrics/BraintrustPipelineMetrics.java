package dev.braintrust.spring.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LoggerStats;
import dev.braintrust.spring.logger.PipelineCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the row pipeline, read from its counters when a registry publishes them, so
 * logging pays nothing for them:
 * <ul>
 * <li>{@code braintrust.rows} (function counter, tag {@code outcome}: {@code sent},
 * {@code retried}, {@code rejected}, {@code dropped}, {@code spooled})</li>
 * <li>{@code braintrust.export.failures} (function counter)</li>
 * <li>{@code braintrust.queue.size} (gauge, rows waiting)</li>
 * <li>{@code braintrust.export.latency} (function timer: batches handed to the exporter
 * and the time they took, retries included)</li>
 * <li>{@code braintrust.spool.size} (gauge, bytes waiting in the disk spool; remote mode
 * only)</li>
 * </ul>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustPipelineMetrics implements MeterBinder {

	private final BraintrustLogger braintrustLogger;

	private final @Nullable PipelineCounters counters;

	private final @Nullable HttpLogExporter exporter;

	/**
	 * Create the meters' binder.
	 * @param braintrustLogger the logger whose pipeline is measured
	 * @param counters the pipeline's live counters, for the export latency
	 * @param exporter the exporter to Braintrust, for the spool size
	 */
	public BraintrustPipelineMetrics(BraintrustLogger braintrustLogger, @Nullable PipelineCounters counters,
			@Nullable HttpLogExporter exporter) {
		this.braintrustLogger = braintrustLogger;
		this.counters = counters;
		this.exporter = exporter;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		rows(registry, "sent", LoggerStats::sent);
		rows(registry, "retried", LoggerStats::retried);
		rows(registry, "rejected", LoggerStats::rejected);
		rows(registry, "dropped", LoggerStats::dropped);
		rows(registry, "spooled", LoggerStats::spooled);
		FunctionCounter
			.builder("braintrust.export.failures", this.braintrustLogger, (logger) -> logger.stats().failedExports())
			.description("Exports of Braintrust rows that failed")
			.register(registry);
		Gauge.builder("braintrust.queue.size", this.braintrustLogger, (logger) -> logger.stats().queued())
			.description("Braintrust rows waiting in the pipeline's queue")
			.baseUnit("rows")
			.register(registry);
		if (this.counters != null) {
			FunctionTimer
				.builder("braintrust.export.latency", this.counters, PipelineCounters::exportCount,
						PipelineCounters::exportTotalNanos, TimeUnit.NANOSECONDS)
				.description("Time taken to export a batch of Braintrust rows, retries included")
				.register(registry);
		}
		if (this.exporter != null) {
			Gauge.builder("braintrust.spool.size", this.exporter, HttpLogExporter::spooledBytes)
				.description("Bytes of Braintrust rows waiting in the disk spool")
				.baseUnit("bytes")
				.register(registry);
		}
	}

	private void rows(MeterRegistry registry, String outcome, ToLongFunction<LoggerStats> count) {
		FunctionCounter.builder("braintrust.rows", this.braintrustLogger, (logger) -> count.applyAsLong(logger.stats()))
			.description("Braintrust rows by outcome")
			.baseUnit("rows")
			.tag("outcome", outcome)
			.register(registry);
	}

}

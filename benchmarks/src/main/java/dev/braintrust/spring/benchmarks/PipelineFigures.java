package dev.braintrust.spring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.BraintrustLoggerBuilder;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.LoggerStats;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * Sustained throughput of the row pipeline: 4 producer threads log rows as fast as the
 * logger accepts them into (a) the local store, (b) the fake Braintrust server over
 * loopback, and, as the baseline, OpenTelemetry's OTLP/HTTP exporter behind a
 * {@link BatchSpanProcessor} shipping spans with the same input and output to a loopback
 * sink. A figure counts the rows delivered (written, or acknowledged by the server)
 * between the start of the producers and the end of the final flush; rows dropped because
 * the queue was full are counted and printed, not delivered. Both pipelines have the same
 * queue capacity, batch size and schedule delay.
 *
 * @author Braintrust
 */
public final class PipelineFigures {

	private static final int PRODUCERS = 4;

	private static final int QUEUE = 10_000;

	private static final int BATCH = 512;

	private static final Duration DELAY = Duration.ofSeconds(1);

	private static final Map<String, Object> INPUT = orderedMap("question", "Where is my order 4711?", "customer",
			"c-42");

	private static final Map<String, Object> OUTPUT = orderedMap("answer",
			"Order 4711 shipped yesterday and should arrive on Friday.", "confidence", 0.93);

	private PipelineFigures() {
	}

	public static void main(String[] args) throws Exception {
		boolean quick = Figures.quick(args);
		Duration warmup = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
		Duration measure = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(15);
		int rounds = quick ? 1 : 3;
		Process servers = startServers();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8));
				HeapMonitor heap = new HeapMonitor()) {
			String[] braintrust = out.readLine().split(" ");
			String[] otlp = out.readLine().split(" ");
			String[] sink = out.readLine().split(" ");
			Path directory = Files.createTempDirectory("braintrust-bench-pipeline");
			Supplier<BraintrustLogger> local = () -> localLogger(directory);
			Supplier<BraintrustLogger> remote = () -> remoteLogger(braintrust[1], braintrust[2]);
			Supplier<BraintrustLogger> remoteSink = () -> remoteLogger(sink[1], "sk-benchmark");
			String endpoint = otlp[1] + "/v1/traces";
			run("local (warm-up)", local, warmup);
			run("remote (warm-up)", remote, warmup);
			runOtlp("otlp (warm-up)", endpoint, warmup);
			List<Double> localRates = new ArrayList<>();
			List<Double> remoteRates = new ArrayList<>();
			List<Double> otlpRates = new ArrayList<>();
			List<Double> sinkRates = new ArrayList<>();
			double peak = 0;
			for (int round = 1; round <= rounds; round++) {
				heap.reset();
				localRates.add(run("local #" + round, local, measure));
				peak = Math.max(peak, heap.peakMegabytes());
				heap.reset();
				remoteRates.add(run("remote #" + round, remote, measure));
				peak = Math.max(peak, heap.peakMegabytes());
				heap.reset();
				otlpRates.add(runOtlp("otlp #" + round, endpoint, measure));
				Figures.note("otlp #" + round + ": peak heap after GC " + Math.round(heap.peakMegabytes()) + " MB");
				// not a figure: the same exporter against a sink that neither validates
				// nor keeps
				sinkRates.add(run("remote to a plain sink #" + round, remoteSink, measure));
			}
			double remoteRate = Figures.median(remoteRates);
			Figures.report("pipeline_rows_per_s_local", Figures.median(localRates));
			Figures.report("pipeline_rows_per_s_remote", remoteRate);
			Figures.report("pipeline_vs_otlp_ratio", remoteRate / Figures.median(otlpRates));
			Figures.report("pipeline_peak_heap_mb", peak);
			Figures.note(String.format(Locale.ROOT,
					"remote to a plain sink (no validation): %.0f rows/s, %.3f of OTLP's %.0f spans/s",
					Figures.median(sinkRates), Figures.median(sinkRates) / Figures.median(otlpRates),
					Figures.median(otlpRates)));
			FileSystemUtils.deleteRecursively(directory);
		}
		finally {
			servers.getOutputStream().close();
			servers.waitFor(10, TimeUnit.SECONDS);
			servers.destroy();
		}
	}

	private static Process startServers() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// The JDK's HttpServer writes a response's headers and body as two TCP segments
		// without
		// TCP_NODELAY, so Nagle's algorithm and the client's delayed ACK held every
		// answer with a
		// body for ~40 ms: the sinks, not the pipelines, set the pace. Real servers set
		// it.
		List<String> command = new ArrayList<>(List.of(java, "-Xmx4g", "-Dsun.net.httpserver.nodelay=true", "-cp",
				System.getProperty("java.class.path")));
		String shared = System.getProperty("braintrust.shared.dir");
		if (shared != null) {
			command.add("-Dbraintrust.shared.dir=" + shared);
		}
		command.add(LoopbackServers.class.getName());
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private static BraintrustLogger localLogger(Path directory) {
		PipelineCounters counters = new PipelineCounters();
		LocalStore store = new LocalStore(directory);
		return configured(BraintrustLogger.builder().exporter(new LocalStoreExporter(store, counters)), counters)
			.permalinks(store::permalink)
			.build();
	}

	private static BraintrustLogger remoteLogger(String url, String apiKey) {
		PipelineCounters counters = new PipelineCounters();
		HttpLogExporter exporter = HttpLogExporter.builder(url, apiKey).appUrl(url).counters(counters).build();
		return configured(BraintrustLogger.builder().exporter(exporter), counters).permalinks(exporter.permalinks())
			.objectIds(exporter::objectId)
			.build();
	}

	private static BraintrustLoggerBuilder configured(BraintrustLoggerBuilder builder, PipelineCounters counters) {
		return builder.target(ObjectRef.projectLogs("pipeline-benchmark", null))
			.counters(counters)
			.maxQueueSize(QUEUE)
			.maxBatchSize(BATCH)
			.scheduleDelay(DELAY);
	}

	private static double run(String phase, Supplier<BraintrustLogger> loggers, Duration duration)
			throws InterruptedException {
		try (BraintrustLogger logger = loggers.get()) {
			// the first row registers the project; not part of the measurement
			logger.log(LogEvent.builder().input(INPUT).output(OUTPUT).build());
			logger.flush();
			LoggerStats before = logger.stats();
			long start = System.nanoTime();
			long offered = produce(duration, () -> logger
				.log(LogEvent.builder().input(INPUT).output(OUTPUT).metadata("model", "offline").build()));
			boolean flushed = logger.flush(Duration.ofSeconds(120));
			double seconds = (System.nanoTime() - start) / 1e9;
			LoggerStats after = logger.stats();
			long delivered = after.sent() - before.sent();
			long dropped = after.dropped() - before.dropped();
			double rate = delivered / seconds;
			Figures.note(String.format(Locale.ROOT,
					"%s: offered %d, delivered %d, dropped %d in %.1f s (flushed: %s) = %.0f rows/s; %s", phase,
					offered, delivered, dropped, seconds, flushed, rate, after));
			return rate;
		}
	}

	private static double runOtlp(String phase, String endpoint, Duration duration) throws InterruptedException {
		CountingSpanExporter exporter = new CountingSpanExporter(
				OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build());
		LongAdder dropped = new LongAdder();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(BatchSpanProcessor.builder(exporter)
				.setMaxQueueSize(QUEUE)
				.setMaxExportBatchSize(BATCH)
				.setScheduleDelay(DELAY)
				.build())
			.build()) {
			Tracer tracer = provider.get("benchmarks");
			JsonMapper json = JsonMapper.builder().build();
			long start = System.nanoTime();
			long offered = produce(duration, () -> {
				Span span = tracer.spanBuilder("row").startSpan();
				span.setAttribute("input", json.writeValueAsString(INPUT));
				span.setAttribute("output", json.writeValueAsString(OUTPUT));
				span.setAttribute("metadata.model", "offline");
				span.end();
			});
			boolean flushed = provider.forceFlush().join(120, TimeUnit.SECONDS).isSuccess();
			double seconds = (System.nanoTime() - start) / 1e9;
			long delivered = exporter.delivered();
			dropped.add(offered - delivered - exporter.failed());
			double rate = delivered / seconds;
			Figures.note(String.format(Locale.ROOT,
					"%s: offered %d, delivered %d, failed %d, dropped %d in %.1f s (flushed: %s) = %.0f spans/s", phase,
					offered, delivered, exporter.failed(), dropped.sum(), seconds, flushed, rate));
			return rate;
		}
	}

	/** Run the producers for the given time and return how many rows they offered. */
	private static long produce(Duration duration, Runnable row) throws InterruptedException {
		LongAdder offered = new LongAdder();
		long end = System.nanoTime() + duration.toNanos();
		Thread[] producers = new Thread[PRODUCERS];
		for (int i = 0; i < PRODUCERS; i++) {
			producers[i] = new Thread(() -> {
				long count = 0;
				while (System.nanoTime() < end) {
					row.run();
					count++;
				}
				offered.add(count);
			}, "producer-" + i);
			producers[i].start();
		}
		for (Thread producer : producers) {
			producer.join();
		}
		return offered.sum();
	}

	private static Map<String, Object> orderedMap(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}

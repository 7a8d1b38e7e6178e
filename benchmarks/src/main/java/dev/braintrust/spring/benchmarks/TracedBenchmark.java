package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.benchmarks.QuoteService.Quote;
import dev.braintrust.spring.logger.BraintrustLogger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The caller-thread cost of a {@code @Traced} call, against the same call untraced and
 * against an OpenTelemetry SDK span carrying the same input and output as JSON.
 * <p>
 * The traced bean lives in a Spring Boot context with the starter's auto-configuration in
 * local mode: the real proxy, the real logger, and its real exporter, the local store in
 * a temporary directory (the starter's default without an API key), so the worker does
 * the real encoding and writing off the caller's thread. OpenTelemetry gets the same
 * shape: {@link BatchSpanProcessor} with its worker, and an exporter that discards.
 *
 * @author Braintrust
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracedBenchmark {

	private static final String SKU = "sku-4711";

	private static final int QUANTITY = 3;

	private Path directory;

	private ConfigurableApplicationContext context;

	private QuoteService traced;

	private QuoteService untraced;

	private SdkTracerProvider tracerProvider;

	private DiscardingSpanExporter otelExporter;

	private Tracer tracer;

	private JsonMapper jsonMapper;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.directory = Files.createTempDirectory("braintrust-bench-traced");
		this.context = new SpringApplicationBuilder(TracedBenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties("braintrust.mode=local", "braintrust.local.directory=" + this.directory,
					"spring.main.banner-mode=off", "logging.level.root=WARN")
			.run();
		this.traced = this.context.getBean(QuoteService.class);
		if (!AopUtils.isAopProxy(this.traced)) {
			throw new IllegalStateException("QuoteService is not proxied: @Traced is not applied");
		}
		this.untraced = (QuoteService) ((Advised) this.traced).getTargetSource().getTarget();
		this.otelExporter = new DiscardingSpanExporter();
		this.tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(BatchSpanProcessor.builder(this.otelExporter).build())
			.build();
		this.tracer = this.tracerProvider.get("benchmarks");
		this.jsonMapper = JsonMapper.builder().build();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		BraintrustLogger logger = this.context.getBean(BraintrustLogger.class);
		logger.flush();
		Figures.note("Braintrust logger after the trial: " + logger.stats());
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		Figures.note("OpenTelemetry spans exported after the trial: " + this.otelExporter.exported());
		this.tracerProvider.close();
		this.context.close();
		FileSystemUtils.deleteRecursively(this.directory);
	}

	@Benchmark
	public Quote untraced(CallerCpu cpu) {
		cpu.operations++;
		return this.untraced.quote(SKU, QUANTITY);
	}

	@Benchmark
	public Quote traced(CallerCpu cpu) {
		cpu.operations++;
		return this.traced.quote(SKU, QUANTITY);
	}

	@Benchmark
	public Quote openTelemetry(CallerCpu cpu) {
		cpu.operations++;
		Span span = this.tracer.spanBuilder("QuoteService.quote").startSpan();
		try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
			Map<String, Object> input = new LinkedHashMap<>();
			input.put("sku", SKU);
			input.put("quantity", QUANTITY);
			span.setAttribute("input", this.jsonMapper.writeValueAsString(input));
			Quote quote = this.untraced.quote(SKU, QUANTITY);
			span.setAttribute("output", this.jsonMapper.writeValueAsString(quote));
			return quote;
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}

package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.nio.file.Path;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.tracing.MicrometerTraceIdSource;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustMicrometerTracingAutoConfiguration}, with Micrometer's
 * {@link SimpleTracer}.
 *
 * @author Braintrust
 */
class BraintrustMicrometerTracingAutoConfigurationTests {

	@TempDir
	Path store;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
					BraintrustMicrometerTracingAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.store, "braintrust.logger.async.enabled=false");
	}

	@Test
	void rootSpanTakesTheTraceIdOfTheCurrentMicrometerSpan() {
		runner().withBean(SimpleTracer.class, SimpleTracer::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerTraceIdSource.class);
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			BraintrustLogger logger = context.getBean(BraintrustLogger.class);
			SimpleSpan serverSpan = tracer.nextSpan().name("http get").start();
			Span root;
			Span child;
			try (Tracer.SpanInScope inScope = tracer.withSpan(serverSpan)) {
				root = logger.startSpan("handler");
				try (SpanScope scope = root.makeCurrent()) {
					child = logger.startSpan("step");
				}
			}
			serverSpan.end();
			// SimpleTracer makes 64-bit trace ids; W3C pads them to 128 bits
			assertThat(serverSpan.context().traceId()).hasSize(16);
			assertThat(root.rootSpanId()).isEqualTo("0000000000000000" + serverSpan.context().traceId());
			assertThat(root.parentSpanIds()).isEmpty();
			assertThat(child.rootSpanId()).isEqualTo(root.rootSpanId());
			assertThat(child.parentSpanIds()).containsExactly(root.spanId());
			Span outside = logger.startSpan("outside");
			assertThat(outside.rootSpanId()).hasSize(32).isNotEqualTo(root.rootSpanId());
		});
	}

	@Test
	void fullLengthTraceIdIsUsedAsIs() {
		runner().withBean(SimpleTracer.class, SimpleTracer::new).run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			TraceContext traceContext = tracer.traceContextBuilder()
				.traceId("4bf92f3577b34da6a3ce929d0e0e4736")
				.spanId("00f067aa0ba902b7")
				.sampled(true)
				.build();
			// a server span continuing a caller's W3C trace
			io.micrometer.tracing.Span serverSpan = tracer.spanBuilder().setParent(traceContext).start();
			try (Tracer.SpanInScope inScope = tracer.withSpan(serverSpan)) {
				assertThat(context.getBean(BraintrustLogger.class).startSpan("handler").rootSpanId())
					.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			}
		});
	}

	@Test
	void withoutATracerBeanRootSpansGetFreshIds() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(MicrometerTraceIdSource.class);
			assertThat(context.getBean(MicrometerTraceIdSource.class).get()).isNull();
			assertThat(context.getBean(BraintrustLogger.class).startSpan("a").rootSpanId()).hasSize(32);
		});
	}

	@Test
	void backsOffWithoutMicrometerTracing() {
		runner().withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context).hasSingleBean(BraintrustLogger.class)
				.doesNotHaveBean(MicrometerTraceIdSource.class));
	}

	@Test
	void backsOffWhenDisabled() {
		runner().withBean(SimpleTracer.class, SimpleTracer::new)
			.withPropertyValues("braintrust.tracing.micrometer.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MicrometerTraceIdSource.class);
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				SimpleSpan serverSpan = tracer.nextSpan().start();
				try (Tracer.SpanInScope inScope = tracer.withSpan(serverSpan)) {
					assertThat(context.getBean(BraintrustLogger.class).startSpan("a").rootSpanId())
						.doesNotEndWith(serverSpan.context().traceId());
				}
			});
	}

}

package dev.braintrust.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.eval.BraintrustEvalAutoConfiguration;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.metrics.BraintrustEvalMetrics;
import dev.braintrust.spring.metrics.BraintrustPipelineMetrics;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustMetricsAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustMetricsAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
					BraintrustEvalAutoConfiguration.class, BraintrustMetricsAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.directory, "braintrust.eval.progress-interval=0",
					"braintrust.logger.async.enabled=false");
	}

	private ApplicationContextRunner withMeterRegistry() {
		return contextRunner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
	}

	@Test
	void registersNoMetersWithoutAMeterRegistry() {
		contextRunner().run((context) -> assertThat(context).doesNotHaveBean(BraintrustPipelineMetrics.class)
			.doesNotHaveBean(BraintrustEvalMetrics.class));
	}

	@Test
	void registersThePipelinesMetersWhenAMeterRegistryExists() {
		withMeterRegistry().run((context) -> {
			assertThat(context).hasSingleBean(BraintrustPipelineMetrics.class)
				.hasSingleBean(BraintrustEvalMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			BraintrustLogger logger = context.getBean(BraintrustLogger.class);
			logger.log((event) -> event.input("q"));
			logger.log((event) -> event.input("q"));

			assertThat(registry.get("braintrust.rows").tag("outcome", "sent").functionCounter().count()).isEqualTo(2);
			assertThat(registry.get("braintrust.rows").tag("outcome", "dropped").functionCounter().count()).isZero();
			assertThat(registry.get("braintrust.rows").functionCounters()).hasSize(5);
			assertThat(registry.get("braintrust.queue.size").gauge().value()).isZero();
			assertThat(registry.get("braintrust.export.failures").functionCounter().count()).isZero();
			FunctionTimer latency = registry.get("braintrust.export.latency").functionTimer();
			assertThat(latency.count()).isEqualTo(2);
			assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
			assertThat(registry.find("braintrust.spool.size").gauge()).as("no spool in local mode").isNull();
		});
	}

	@Test
	void registersTheSpoolSizeInRemoteMode() {
		withMeterRegistry()
			.withPropertyValues("braintrust.api-key=test-key", "braintrust.api-url=http://127.0.0.1:9",
					"braintrust.export.spool-directory=" + this.directory.resolve("spool"))
			.run((context) -> assertThat(
					context.getBean(MeterRegistry.class).get("braintrust.spool.size").gauge().value())
				.isZero());
	}

	@Test
	@Timeout(60)
	void recordsEvalRuns() {
		withMeterRegistry().withUserConfiguration(ArithmeticEvalConfiguration.class).run((context) -> {
			context.getBean(EvalRunner.class).run("arithmetic");

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("braintrust.eval.duration").tag("eval", "arithmetic").timer().count()).isOne();
			assertThat(registry.get("braintrust.eval.cases").tag("eval", "arithmetic").counter().count()).isEqualTo(4);
			assertThat(registry.get("braintrust.eval.errors").tag("eval", "arithmetic").counter().count()).isOne();
			assertThat(registry.get("braintrust.eval.score")
				.tag("eval", "arithmetic")
				.tag("scorer", "exact")
				.gauge()
				.value()).isEqualTo(2.0 / 3);
		});
	}

}

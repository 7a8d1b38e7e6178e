package dev.braintrust.spring.boot.autoconfigure.actuate;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.eval.BraintrustEvalAutoConfiguration;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.metrics.BraintrustEvalMetrics;
import dev.braintrust.spring.metrics.BraintrustPipelineMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Micrometer meters of the row
 * pipeline ({@link BraintrustPipelineMetrics}) and of eval runs
 * ({@link BraintrustEvalMetrics}), when a {@link MeterRegistry} exists.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = { BraintrustAutoConfiguration.class, BraintrustEvalAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, BraintrustLogger.class })
public final class BraintrustMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BraintrustPipelineMetrics braintrustPipelineMetrics(BraintrustLogger braintrustLogger,
			ObjectProvider<PipelineCounters> counters, ObjectProvider<HttpLogExporter> exporter) {
		return new BraintrustPipelineMetrics(braintrustLogger, counters.getIfUnique(), exporter.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EvalRunner.class)
	BraintrustEvalMetrics braintrustEvalMetrics(MeterRegistry meterRegistry) {
		return new BraintrustEvalMetrics(meterRegistry);
	}

}

package dev.braintrust.spring.boot.autoconfigure.tracing;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.BraintrustLoggerBuilderCustomizer;
import dev.braintrust.spring.tracing.MicrometerTraceIdSource;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that joins Braintrust traces to
 * Micrometer Tracing's: a new Braintrust root span takes the trace id of the current
 * Micrometer span as its {@code root_span_id}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(before = BraintrustAutoConfiguration.class)
@ConditionalOnClass(Tracer.class)
@ConditionalOnBooleanProperty(name = "braintrust.tracing.micrometer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BraintrustTracingProperties.class)
public final class BraintrustMicrometerTracingAutoConfiguration {

	@Bean
	TracerLookup braintrustTracerLookup(ObjectProvider<Tracer> tracer) {
		return new TracerLookup(tracer);
	}

	@Bean
	@ConditionalOnMissingBean
	MicrometerTraceIdSource braintrustMicrometerTraceIdSource(TracerLookup tracerLookup) {
		return new MicrometerTraceIdSource(tracerLookup);
	}

	@Bean
	BraintrustLoggerBuilderCustomizer braintrustMicrometerTraceIdCustomizer(MicrometerTraceIdSource traceIdSource) {
		return (builder) -> builder.traceIdSource(traceIdSource);
	}

}

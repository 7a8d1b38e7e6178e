package dev.braintrust.spring.boot.autoconfigure.tracing;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.tracing.propagation.BraintrustTraceContextFilter;
import dev.braintrust.spring.tracing.propagation.BraintrustTraceContextWebFilter;
import jakarta.servlet.Filter;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for distributed tracing on incoming
 * HTTP requests: a servlet {@code Filter} or a WebFlux {@code WebFilter} that makes the
 * handler's spans children of the caller's span when the request carries a valid
 * {@code traceparent}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "braintrust.tracing.http-server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BraintrustTracingProperties.class)
public final class BraintrustHttpServerTracingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
	@ConditionalOnBean(BraintrustLogger.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BraintrustTraceContextFilter braintrustTraceContextFilter(BraintrustLogger braintrustLogger) {
			return new BraintrustTraceContextFilter(braintrustLogger);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ WebFilter.class, Mono.class })
	@ConditionalOnBean(BraintrustLogger.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BraintrustTraceContextWebFilter braintrustTraceContextWebFilter(BraintrustLogger braintrustLogger) {
			return new BraintrustTraceContextWebFilter(braintrustLogger);
		}

	}

}

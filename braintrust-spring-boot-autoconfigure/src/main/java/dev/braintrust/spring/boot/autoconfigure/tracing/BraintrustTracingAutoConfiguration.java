package dev.braintrust.spring.boot.autoconfigure.tracing;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.tracing.AsyncResultHandler;
import dev.braintrust.spring.tracing.CompletionStageResultHandler;
import dev.braintrust.spring.tracing.CurrentSpanThreadLocalAccessor;
import dev.braintrust.spring.tracing.ReactorResultHandler;
import dev.braintrust.spring.tracing.Traced;
import dev.braintrust.spring.tracing.TracedAnnotationBeanPostProcessor;
import dev.braintrust.spring.tracing.TracedMethodInterceptor;
import io.micrometer.context.ContextRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import reactor.core.publisher.Flux;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link Traced @Traced}: the
 * post-processor that proxies annotated beans, the handlers of asynchronous return types,
 * and the registration of the current span with Micrometer's context-propagation library.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class)
@ConditionalOnClass({ Advisor.class, MethodInterceptor.class })
@EnableConfigurationProperties(BraintrustTracingProperties.class)
public final class BraintrustTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "braintrust.tracing.annotations.enabled", matchIfMissing = true)
	static TracedAnnotationBeanPostProcessor tracedAnnotationBeanPostProcessor(
			ObjectProvider<BraintrustLogger> braintrustLogger, ObjectProvider<AsyncResultHandler> asyncResultHandlers) {
		// Static, and everything looked up on first use: a BeanPostProcessor is created
		// before the beans it processes, and must not make them early.
		return new TracedAnnotationBeanPostProcessor(new TracedMethodInterceptor(
				new LazyBraintrustLogger(braintrustLogger), () -> asyncResultHandlers.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnMissingBean
	CompletionStageResultHandler braintrustCompletionStageResultHandler() {
		return new CompletionStageResultHandler();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flux.class)
	static class ReactorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorResultHandler braintrustReactorResultHandler(BraintrustTracingProperties properties) {
			return new ReactorResultHandler(properties.getAnnotations().getMaxFluxItems());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextRegistry.class)
	static class ContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CurrentSpanContextRegistration braintrustCurrentSpanContextRegistration() {
			// Also registered through META-INF/services; registering again covers class
			// loaders that the service loader did not search.
			CurrentSpanThreadLocalAccessor.register();
			return new CurrentSpanContextRegistration();
		}

	}

}

package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.util.List;

import dev.braintrust.spring.tracing.propagation.BraintrustClientHttpRequestInterceptor;
import dev.braintrust.spring.tracing.propagation.BraintrustExchangeFilterFunction;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for distributed tracing on outgoing
 * HTTP calls: the {@code RestClient}, {@code RestTemplate} and {@code WebClient} that
 * Spring Boot's builders make carry the current span in {@code traceparent} and
 * {@code baggage} headers.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(ClientHttpRequestInterceptor.class)
@ConditionalOnBooleanProperty(name = "braintrust.tracing.http-client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BraintrustTracingProperties.class)
public final class BraintrustHttpClientTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BraintrustClientHttpRequestInterceptor braintrustClientHttpRequestInterceptor() {
		return new BraintrustClientHttpRequestInterceptor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		RestClientCustomizer braintrustRestClientCustomizer(BraintrustClientHttpRequestInterceptor interceptor) {
			return (builder) -> builder.requestInterceptors((interceptors) -> addOnce(interceptors, interceptor));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static class RestTemplateConfiguration {

		@Bean
		RestTemplateCustomizer braintrustRestTemplateCustomizer(BraintrustClientHttpRequestInterceptor interceptor) {
			return (restTemplate) -> addOnce(restTemplate.getInterceptors(), interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BraintrustExchangeFilterFunction braintrustExchangeFilterFunction() {
			return new BraintrustExchangeFilterFunction();
		}

		@Bean
		WebClientCustomizer braintrustWebClientCustomizer(BraintrustExchangeFilterFunction filter) {
			return (builder) -> builder.filters((filters) -> {
				if (!filters.contains(filter)) {
					filters.add(filter);
				}
			});
		}

	}

	private static void addOnce(List<ClientHttpRequestInterceptor> interceptors,
			BraintrustClientHttpRequestInterceptor interceptor) {
		// a builder customized twice (or cloned and customized again) keeps one
		if (!interceptors.contains(interceptor)) {
			interceptors.add(interceptor);
		}
	}

}

package dev.braintrust.spring.tracing.propagation;

import java.io.IOException;

import dev.braintrust.spring.logger.CurrentSpan;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the current span's trace context to requests of a {@code RestClient} or a
 * {@code RestTemplate}: {@code traceparent} and the {@code braintrust.parent} baggage
 * member. Requests made outside a span are left unchanged.
 *
 * @author Braintrust
 * @since 0.1.0
 * @see BraintrustPropagator
 */
public final class BraintrustClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		BraintrustPropagator.inject(CurrentSpan.getOrNull(), request.getHeaders());
		return execution.execute(request, body);
	}

}

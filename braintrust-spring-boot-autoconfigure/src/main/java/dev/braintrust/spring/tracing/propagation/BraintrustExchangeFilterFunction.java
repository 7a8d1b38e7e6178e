package dev.braintrust.spring.tracing.propagation;

import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.tracing.CurrentSpanThreadLocalAccessor;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds the current span's trace context to requests of a {@code WebClient}: the span
 * current on the subscribing thread or, failing that, the one in the Reactor context
 * under {@link CurrentSpanThreadLocalAccessor#KEY}. Requests made outside a span are left
 * unchanged.
 *
 * @author Braintrust
 * @since 0.1.0
 * @see BraintrustPropagator
 */
public final class BraintrustExchangeFilterFunction implements ExchangeFilterFunction {

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((context) -> {
			Span span = CurrentSpan.getOrNull();
			if (span == null) {
				span = context.getOrDefault(CurrentSpanThreadLocalAccessor.KEY, null);
			}
			if (span == null) {
				return next.exchange(request);
			}
			Span parent = span;
			ClientRequest traced = ClientRequest.from(request)
				.headers((headers) -> BraintrustPropagator.inject(parent, headers))
				.build();
			return next.exchange(traced);
		});
	}

}

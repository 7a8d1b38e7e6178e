package dev.braintrust.spring.tracing.propagation;

import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.tracing.CurrentSpanThreadLocalAccessor;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Continues a caller's trace in a WebFlux application: when a request carries a valid
 * {@code traceparent}, the caller's span is put in the Reactor context under
 * {@link CurrentSpanThreadLocalAccessor#KEY}, so that with automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}) the spans started by the handler are
 * children of the caller's span. A request without one, or with a malformed one, is
 * handled as usual.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustTraceContextWebFilter implements WebFilter, Ordered {

	private final BraintrustLogger braintrustLogger;

	/**
	 * A filter for the given logger.
	 * @param braintrustLogger the logger the handler's spans are started with
	 */
	public BraintrustTraceContextWebFilter(BraintrustLogger braintrustLogger) {
		this.braintrustLogger = braintrustLogger;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		Span parent = BraintrustPropagator.extract((name) -> {
			List<String> values = headers.get(name);
			return (values != null) ? values : List.of();
		}, this.braintrustLogger);
		if (parent == null) {
			return chain.filter(exchange);
		}
		Mono<Void> result;
		// current while the chain assembles, for handlers that do their work right away
		try (SpanScope scope = CurrentSpan.set(parent)) {
			result = chain.filter(exchange);
		}
		return result.contextWrite((context) -> context.put(CurrentSpanThreadLocalAccessor.KEY, parent));
	}

	@Override
	public int getOrder() {
		return BraintrustTraceContextFilter.ORDER;
	}

}

package dev.braintrust.spring.tracing.propagation;

import java.io.IOException;
import java.util.Collections;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Continues a caller's trace in a servlet application: when a request carries a valid
 * {@code traceparent} (and a {@code braintrust.parent} baggage member naming the object
 * the trace logs to), the spans started while it is handled on the request thread are
 * children of the caller's span. A request without one, or with a malformed one, is
 * handled as usual and its spans start a new trace.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustTraceContextFilter extends OncePerRequestFilter implements Ordered {

	/** The filter's order: early, just after Spring's server observation filter. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private final BraintrustLogger braintrustLogger;

	/**
	 * A filter for the given logger.
	 * @param braintrustLogger the logger the handler's spans are started with
	 */
	public BraintrustTraceContextFilter(BraintrustLogger braintrustLogger) {
		this.braintrustLogger = braintrustLogger;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		Span parent = BraintrustPropagator.extract((name) -> Collections.list(request.getHeaders(name)),
				this.braintrustLogger);
		if (parent == null) {
			filterChain.doFilter(request, response);
			return;
		}
		try (SpanScope scope = CurrentSpan.set(parent)) {
			filterChain.doFilter(request, response);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}

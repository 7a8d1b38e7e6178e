package dev.braintrust.spring.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;

/**
 * Ends the span of a method declared to return a Reactor {@link Mono} or {@link Flux}
 * exactly once, on completion, error or cancellation, whichever comes first. A
 * {@code Mono}'s value is the output; a {@code Flux}'s items are collected as the output,
 * up to a limit (beyond it, as in the Python SDK, no output is logged). The span is put
 * in the Reactor context under {@link CurrentSpanThreadLocalAccessor#KEY}, so with
 * automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()}, or
 * {@code spring.reactor.context-propagation=auto}) it is the current span while the
 * publisher's work runs, on whatever thread, and only then.
 * <p>
 * The span starts when the method is called, not when the publisher is subscribed. A
 * publisher that is never subscribed leaves its span open; one that is subscribed again
 * after it ended (a {@code retry} downstream) does not start a new span.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ReactorResultHandler implements AsyncResultHandler, Ordered {

	/** The default limit on the number of a {@code Flux}'s items logged as output. */
	public static final int DEFAULT_MAX_FLUX_ITEMS = 1000;

	private static final Log logger = LogFactory.getLog(ReactorResultHandler.class);

	private final int maxFluxItems;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * A handler that logs up to {@value #DEFAULT_MAX_FLUX_ITEMS} items of a {@code Flux}.
	 */
	public ReactorResultHandler() {
		this(DEFAULT_MAX_FLUX_ITEMS);
	}

	/**
	 * A handler with a limit on the items of a {@code Flux} logged as output.
	 * @param maxFluxItems the limit: {@code -1} for none, {@code 0} to log no items
	 */
	public ReactorResultHandler(int maxFluxItems) {
		if (maxFluxItems < -1) {
			throw new IllegalArgumentException(
					"braintrust.tracing.annotations.max-flux-items must be -1 (no limit) or more, was " + maxFluxItems);
		}
		this.maxFluxItems = maxFluxItems;
	}

	@Override
	public boolean supports(Class<?> declaredReturnType) {
		return Mono.class.isAssignableFrom(declaredReturnType) || Flux.class.isAssignableFrom(declaredReturnType);
	}

	@Override
	public @Nullable Object handle(@Nullable Object result, SpanCompletion completion) {
		if (result instanceof Mono<?> mono) {
			return traceMono(mono, completion);
		}
		if (result instanceof Flux<?> flux) {
			return traceFlux(flux, completion);
		}
		completion.complete(result);
		return result;
	}

	private Mono<?> traceMono(Mono<?> mono, SpanCompletion completion) {
		return mono.doOnSuccess(completion::complete)
			.doOnError(completion::fail)
			.doOnCancel(() -> completion.cancel(null))
			.contextWrite((context) -> context.put(CurrentSpanThreadLocalAccessor.KEY, completion.span()));
	}

	private Flux<?> traceFlux(Flux<?> flux, SpanCompletion completion) {
		Items items = new Items(completion.capturesOutput() ? this.maxFluxItems : 0);
		return flux.doOnNext(items::add)
			.doOnComplete(() -> completion.complete(items.output(this)))
			.doOnError(completion::fail)
			.doOnCancel(() -> completion.cancel(items.output(this)))
			.contextWrite((context) -> context.put(CurrentSpanThreadLocalAccessor.KEY, completion.span()));
	}

	private void warnTruncated() {
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("A traced Flux produced more than " + this.maxFluxItems + " items, so its output was not "
					+ "logged; raise braintrust.tracing.annotations.max-flux-items (-1 for no limit) to log it. "
					+ "This warning is logged once.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("A traced Flux produced more than " + this.maxFluxItems + " items; output not logged");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The items of one {@code Flux}, collected up to the limit.
	 */
	private static final class Items {

		private final int max;

		private final List<@Nullable Object> collected = new ArrayList<>();

		private boolean truncated;

		Items(int max) {
			this.max = max;
		}

		synchronized void add(@Nullable Object item) {
			if (this.max == 0 || this.truncated) {
				return;
			}
			if (this.max > 0 && this.collected.size() >= this.max) {
				this.truncated = true;
				this.collected.clear();
				return;
			}
			this.collected.add(item);
		}

		synchronized @Nullable Object output(ReactorResultHandler handler) {
			if (this.truncated) {
				handler.warnTruncated();
				return null;
			}
			return (this.max == 0) ? null : new ArrayList<>(this.collected);
		}

	}

}

package dev.braintrust.spring.ai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanType;
import dev.braintrust.spring.prompt.PromptSpanMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The {@code llm} span of one model call, shared by the advisor and the observation
 * handler: started with the request, ended exactly once with the response, an error or a
 * cancellation. Telemetry failures are swallowed (and logged at debug level), never
 * thrown into the caller's code.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class LlmSpan {

	/** The instrumentation name written to {@code context.span_origin}. */
	static final String INSTRUMENTATION = "spring-ai";

	private static final Log logger = LogFactory.getLog(LlmSpan.class);

	private final Span span;

	private final BraintrustAdvisorLogContext context;

	private final BraintrustAdvisorLogConvention convention;

	private final boolean captureContent;

	private final long startNanos;

	private final AtomicBoolean ended = new AtomicBoolean();

	private LlmSpan(Span span, BraintrustAdvisorLogContext context, BraintrustAdvisorLogConvention convention,
			boolean captureContent, long startNanos) {
		this.span = span;
		this.context = context;
		this.convention = convention;
		this.captureContent = captureContent;
		this.startNanos = startNanos;
	}

	/**
	 * Start the span of a call.
	 * @param braintrust the logger the span goes to
	 * @param parent the parent span, or null for the current span
	 * @param prompt the prompt sent to the model
	 * @param provider the provider, or null to ask the convention
	 * @param streaming whether the call streams
	 * @param convention the convention
	 * @param captureContent whether to log input and output
	 * @return the started span
	 */
	static LlmSpan start(BraintrustLogger braintrust, @Nullable Span parent, Prompt prompt, @Nullable String provider,
			boolean streaming, BraintrustAdvisorLogConvention convention, boolean captureContent) {
		return start(braintrust, parent, prompt, null, provider, streaming, convention, captureContent);
	}

	static LlmSpan start(BraintrustLogger braintrust, @Nullable Span parent, Prompt prompt,
			@Nullable Map<String, Object> requestContext, @Nullable String provider, boolean streaming,
			BraintrustAdvisorLogConvention convention, boolean captureContent) {
		long startNanos = System.nanoTime();
		String resolvedProvider = (provider != null) ? provider
				: safely(() -> convention.provider(prompt), "spring-ai", "provider");
		BraintrustAdvisorLogContext context = new BraintrustAdvisorLogContext(prompt, resolvedProvider, streaming,
				null);
		Span span;
		try {
			String name = safely(() -> convention.spanName(context), resolvedProvider + ".chat", "span name");
			span = braintrust.startSpan(SpanOptions.named(name)
				.type(SpanType.LLM)
				.parent((parent != null && !parent.isNoop()) ? parent : null)
				.instrumentation(INSTRUMENTATION)
				.build());
			if (span.isNoop()) {
				// a disabled logger: skip the work of mapping the request
				return new LlmSpan(span, context, convention, captureContent, startNanos);
			}
			LogEvent.Builder event = LogEvent.builder();
			if (captureContent) {
				event.input(safely(() -> convention.input(context), null, "input"));
			}
			Map<String, Object> metadata = new LinkedHashMap<>(
					safely(() -> convention.metadata(context), Map.of(), "metadata"));
			Map<String, Object> fromPrompt = safely(() -> PromptSpanMetadata.find(requestContext, prompt), null,
					"prompt metadata");
			if (fromPrompt != null) {
				metadata.put(PromptSpanMetadata.METADATA_FIELD,
						captureContent ? fromPrompt : PromptSpanMetadata.withoutVariables(fromPrompt));
			}
			event.metadata(metadata);
			span.log(event.build());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not start the Braintrust LLM span", ex);
			span = Span.noop();
		}
		return new LlmSpan(span, context, convention, captureContent, startNanos);
	}

	/**
	 * The span.
	 * @return the span
	 */
	Span span() {
		return this.span;
	}

	/**
	 * The provider of the call.
	 * @return the provider
	 */
	String provider() {
		return this.context.getProvider();
	}

	/**
	 * End with the response.
	 * @param response the (aggregated) response, or null
	 * @param firstContentNanos when the first streamed content arrived, or -1
	 */
	void succeed(@Nullable ChatResponse response, long firstContentNanos) {
		end(response, firstContentNanos, null, false);
	}

	/**
	 * End with an error.
	 * @param error the error, which the caller rethrows
	 * @param partial what streamed before the error, or null
	 * @param firstContentNanos when the first streamed content arrived, or -1
	 */
	void fail(Throwable error, @Nullable ChatResponse partial, long firstContentNanos) {
		end(partial, firstContentNanos, error, false);
	}

	/**
	 * End a stream the subscriber cancelled.
	 * @param partial what streamed before the cancellation, or null
	 * @param firstContentNanos when the first streamed content arrived, or -1
	 */
	void cancel(@Nullable ChatResponse partial, long firstContentNanos) {
		end(partial, firstContentNanos, null, true);
	}

	private void end(@Nullable ChatResponse response, long firstContentNanos, @Nullable Throwable error,
			boolean cancelled) {
		if (!this.ended.compareAndSet(false, true) || this.span.isNoop()) {
			return;
		}
		try {
			BraintrustAdvisorLogContext done = this.context.withResponse(response);
			LogEvent.Builder event = LogEvent.builder();
			if (this.captureContent && response != null) {
				event.output(safely(() -> this.convention.output(done), null, "output"));
			}
			Map<String, Object> metadata = new LinkedHashMap<>(
					safely(() -> this.convention.metadata(done), Map.of(), "metadata"));
			if (cancelled) {
				metadata.put("cancelled", true);
			}
			event.metadata(metadata);
			Map<String, Number> metrics = new LinkedHashMap<>(
					safely(() -> this.convention.metrics(done), Map.of(), "metrics"));
			if (this.context.isStreaming() && firstContentNanos >= 0) {
				metrics.put("time_to_first_token", Math.max(0, firstContentNanos - this.startNanos) / 1e9);
			}
			event.metrics(metrics);
			if (error != null) {
				event.error(error);
			}
			this.span.log(event.build());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not log the Braintrust LLM span", ex);
		}
		finally {
			try {
				this.span.end();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not end the Braintrust LLM span", ex);
			}
		}
	}

	private static <T> T safely(Supplier<T> work, T fallback, String what) {
		try {
			T value = work.get();
			return (value != null) ? value : fallback;
		}
		catch (RuntimeException ex) {
			logger.debug("The Braintrust advisor log convention failed to produce the " + what, ex);
			return fallback;
		}
	}

}

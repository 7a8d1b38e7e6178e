package dev.braintrust.spring.ai;

import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.util.context.ContextView;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * A {@code ChatClient} advisor that logs every model call as a Braintrust {@code llm}
 * span: the messages sent, the answer, the model the provider answered with, the request
 * options, the tool definitions, the token counts the provider reported and, for streams,
 * the time to the first token. Its default order places it inside Spring AI's
 * tool-calling loop (after {@code ToolCallingAdvisor}, before the advisor that calls the
 * model), so a call that uses tools yields one span per round trip.
 * <p>
 * It implements {@link CallAdvisor} and {@link StreamAdvisor} directly, not
 * {@code BaseAdvisor}, so that it times the whole call, sees every chunk of a stream and
 * keeps the caller's exceptions unchanged. A stream's span starts when it is subscribed
 * and ends exactly once, on completion, error or cancellation (then marked
 * {@code metadata.cancelled}); its output is the aggregated message.
 * <p>
 * Spans are children of the span the {@link BraintrustToolCallAdvisor} captured for the
 * {@code ChatClient} call, else of the span in the Reactor context (key
 * {@value #REACTOR_CONTEXT_KEY}), else of the current span. Telemetry never fails the
 * call.
 *
 * @author Braintrust
 * @since 0.1.0
 * @see BraintrustToolCallAdvisor
 */
public final class BraintrustChatClientAdvisor implements CallAdvisor, StreamAdvisor {

	/** The advisor name. */
	public static final String NAME = "BraintrustChatClientAdvisor";

	/**
	 * The default order: after {@code ToolCallingAdvisor}
	 * ({@code HIGHEST_PRECEDENCE + 300}) and Spring AI's structured-output validation,
	 * before the model call ({@code LOWEST_PRECEDENCE}).
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	/**
	 * The Reactor context key of a parent span; the same key the tracing integration uses
	 * for the current span.
	 */
	public static final String REACTOR_CONTEXT_KEY = "braintrust.span";

	private static final Log logger = LogFactory.getLog(BraintrustChatClientAdvisor.class);

	private final BraintrustLogger braintrust;

	private final BraintrustAdvisorLogConvention convention;

	private final boolean captureContent;

	private final int order;

	private BraintrustChatClientAdvisor(Builder builder) {
		this.braintrust = builder.logger;
		this.convention = builder.convention;
		this.captureContent = builder.captureContent;
		this.order = builder.order;
	}

	/**
	 * A builder.
	 * @param logger the logger the spans go to
	 * @return the builder
	 */
	public static Builder builder(BraintrustLogger logger) {
		return new Builder(logger);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		LlmSpan span = LlmSpan.start(this.braintrust, parentSpan(request.context(), null), request.prompt(),
				request.context(), null, false, this.convention, this.captureContent);
		ChatClientResponse response;
		try (ChatModelCallMarker.Scope marked = ChatModelCallMarker.enter()) {
			response = chain.nextCall(request);
		}
		catch (Throwable ex) {
			span.fail(ex, null, -1);
			throw ex;
		}
		span.succeed(response.chatResponse(), -1);
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((reactorContext) -> {
			LlmSpan span = LlmSpan.start(this.braintrust, parentSpan(request.context(), reactorContext),
					request.prompt(), request.context(), null, true, this.convention, this.captureContent);
			StreamAccumulator chunks = new StreamAccumulator();
			Flux<ChatClientResponse> next;
			try (ChatModelCallMarker.Scope marked = ChatModelCallMarker.enter()) {
				next = chain.nextStream(request);
			}
			catch (Throwable ex) {
				span.fail(ex, null, -1);
				throw ex;
			}
			return markedSubscription(next).doOnNext((response) -> accumulate(chunks, response))
				.doOnComplete(() -> span.succeed(aggregate(chunks), chunks.firstContentNanos()))
				.doOnError((ex) -> span.fail(ex, aggregate(chunks), chunks.firstContentNanos()))
				.doOnCancel(() -> span.cancel(aggregate(chunks), chunks.firstContentNanos()));
		});
	}

	/**
	 * Subscribe to the rest of the chain with this thread marked, so that the model
	 * observation the subscription opens is not logged a second time by the observation
	 * handler.
	 */
	private static Flux<ChatClientResponse> markedSubscription(Flux<ChatClientResponse> next) {
		return Flux.from((subscriber) -> {
			try (ChatModelCallMarker.Scope marked = ChatModelCallMarker.enter()) {
				next.subscribe(subscriber);
			}
		});
	}

	static void accumulate(StreamAccumulator chunks, ChatClientResponse response) {
		try {
			ChatResponse chatResponse = response.chatResponse();
			if (chatResponse != null) {
				chunks.add(chatResponse, System.nanoTime());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record a streamed chunk for Braintrust", ex);
		}
	}

	static @Nullable ChatResponse aggregate(StreamAccumulator chunks) {
		try {
			return chunks.aggregate();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not aggregate a stream for Braintrust", ex);
			return null;
		}
	}

	/**
	 * The parent span: the one carried in the request context, else the one in the
	 * Reactor context, else the current span.
	 */
	static @Nullable Span parentSpan(Map<String, @Nullable Object> requestContext,
			@Nullable ContextView reactorContext) {
		if (requestContext.get(BraintrustToolCallAdvisor.PARENT_SPAN_KEY) instanceof Span span && !span.isNoop()) {
			return span;
		}
		if (reactorContext != null && reactorContext.getOrDefault(REACTOR_CONTEXT_KEY, null) instanceof Span span
				&& !span.isNoop()) {
			return span;
		}
		return CurrentSpan.getOrNull();
	}

	@Override
	public String toString() {
		return NAME + "[order=" + this.order + ", captureContent=" + this.captureContent + "]";
	}

	/**
	 * Builds a {@link BraintrustChatClientAdvisor}.
	 */
	public static final class Builder {

		private final BraintrustLogger logger;

		private BraintrustAdvisorLogConvention convention = new DefaultBraintrustAdvisorLogConvention();

		private boolean captureContent = true;

		private int order = DEFAULT_ORDER;

		private Builder(BraintrustLogger logger) {
			Assert.notNull(logger, "'logger' must not be null");
			this.logger = logger;
		}

		/**
		 * Set the convention that maps calls to span fields.
		 * @param convention the convention
		 * @return this builder
		 */
		public Builder convention(BraintrustAdvisorLogConvention convention) {
			Assert.notNull(convention, "'convention' must not be null");
			this.convention = convention;
			return this;
		}

		/**
		 * Set whether to log the messages sent and received (on by default).
		 * @param captureContent false to log only metadata and metrics
		 * @return this builder
		 */
		public Builder captureContent(boolean captureContent) {
			this.captureContent = captureContent;
			return this;
		}

		/**
		 * Set the advisor order. Keep it between {@code ToolCallingAdvisor}'s order and
		 * {@code LOWEST_PRECEDENCE} for one span per model call.
		 * @param order the order
		 * @return this builder
		 */
		public Builder order(int order) {
			this.order = order;
			return this;
		}

		/**
		 * Build the advisor.
		 * @return the advisor
		 */
		public BraintrustChatClientAdvisor build() {
			return new BraintrustChatClientAdvisor(this);
		}

	}

}

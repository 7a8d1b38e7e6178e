package dev.braintrust.spring.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * The companion of {@link BraintrustChatClientAdvisor} on the outer side of Spring AI's
 * tool-calling loop. It does two things for each {@code ChatClient} call:
 * <ul>
 * <li>it wraps the request's tool callbacks so that each tool execution is logged as a
 * {@code tool} span (name, arguments as input, result as output, error), whichever
 * {@code ToolCallingManager} runs it and whether or not an observation registry is
 * configured;</li>
 * <li>it captures the caller's span when the call starts (on the calling or subscribing
 * thread) and hands it to the model-call spans and the tool spans through the request
 * context, because in a streamed tool loop the later round trips and the tools run on
 * other threads.</li>
 * </ul>
 * When no span is current and the request offers tools, the call is an agentic run: it
 * starts a {@code task} span ({@code ChatClient.call} or {@code ChatClient.stream}) so
 * that the round trips and tool executions form one trace, as Braintrust's
 * instrumentation guide asks. Its default order runs it just before
 * {@code ToolCallingAdvisor}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustToolCallAdvisor implements CallAdvisor, StreamAdvisor {

	/** The advisor name. */
	public static final String NAME = "BraintrustToolCallAdvisor";

	/**
	 * The default order: just before {@code ToolCallingAdvisor}
	 * ({@code HIGHEST_PRECEDENCE + 300}) and after chat-memory advisors
	 * ({@code HIGHEST_PRECEDENCE + 200}).
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 250;

	/** The request-context key under which the parent span travels to the model calls. */
	public static final String PARENT_SPAN_KEY = "braintrust.span";

	private static final Log logger = LogFactory.getLog(BraintrustToolCallAdvisor.class);

	private final BraintrustLogger braintrust;

	private final boolean captureContent;

	private final int order;

	private BraintrustToolCallAdvisor(Builder builder) {
		this.braintrust = builder.logger;
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
		Span parent = BraintrustChatClientAdvisor.parentSpan(request.context(), null);
		Span run = startRun(request, parent, "ChatClient.call");
		ChatClientResponse response;
		try {
			response = chain.nextCall(prepare(request, (run != null) ? run : parent));
		}
		catch (Throwable ex) {
			endRun(run, null, ex);
			throw ex;
		}
		endRun(run, response.chatResponse(), null);
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((reactorContext) -> {
			Span parent = BraintrustChatClientAdvisor.parentSpan(request.context(), reactorContext);
			Span run = startRun(request, parent, "ChatClient.stream");
			Flux<ChatClientResponse> next = chain.nextStream(prepare(request, (run != null) ? run : parent));
			if (run == null) {
				return next;
			}
			StreamAccumulator chunks = new StreamAccumulator();
			return next.doOnNext((response) -> BraintrustChatClientAdvisor.accumulate(chunks, response))
				.doOnError((ex) -> endRun(run, null, ex))
				.doFinally((signal) -> {
					if (signal == SignalType.CANCEL) {
						logQuietly(run, LogEvent.builder().metadata("cancelled", true).build());
					}
					endRun(run,
							(signal == SignalType.ON_COMPLETE) ? BraintrustChatClientAdvisor.aggregate(chunks) : null,
							null);
				});
		});
	}

	/**
	 * Carry the parent in the request context and wrap the tool callbacks. Any failure
	 * leaves the request as it was.
	 */
	private ChatClientRequest prepare(ChatClientRequest request, @Nullable Span parent) {
		try {
			Prompt prompt = request.prompt();
			ChatOptions options = prompt.getOptions();
			if (options instanceof ToolCallingChatOptions toolOptions && toolOptions.getToolCallbacks() != null
					&& !toolOptions.getToolCallbacks().isEmpty()) {
				List<ToolCallback> traced = new ArrayList<>();
				for (ToolCallback callback : toolOptions.getToolCallbacks()) {
					ToolCallback original = (callback instanceof TracingToolCallback tracing) ? tracing.delegate()
							: callback;
					traced.add(new TracingToolCallback(original, this.braintrust, parent, this.captureContent));
				}
				prompt = new Prompt(prompt.getInstructions(), toolOptions.mutate().toolCallbacks(traced).build());
			}
			Map<String, @Nullable Object> context = new LinkedHashMap<>(request.context());
			if (parent != null) {
				context.put(PARENT_SPAN_KEY, parent);
			}
			return ChatClientRequest.builder().prompt(prompt).context(context).build();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not prepare the ChatClient request for Braintrust tool spans", ex);
			return request;
		}
	}

	/** A task span for an agentic call made outside any span, else null. */
	private @Nullable Span startRun(ChatClientRequest request, @Nullable Span parent, String name) {
		if (parent != null || !offersTools(request.prompt().getOptions())) {
			return null;
		}
		try {
			Span run = this.braintrust.startSpan(SpanOptions.named(name)
				.type(SpanType.TASK)
				.root()
				.instrumentation(LlmSpan.INSTRUMENTATION)
				.build());
			if (this.captureContent) {
				run.log(LogEvent.builder()
					.input(new DefaultBraintrustAdvisorLogConvention()
						.openAiMessages(request.prompt().getInstructions()))
					.build());
			}
			return run.isNoop() ? null : run;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not start the Braintrust ChatClient span", ex);
			return null;
		}
	}

	private void endRun(@Nullable Span run, @Nullable ChatResponse response, @Nullable Throwable error) {
		if (run == null || run.isEnded()) {
			return;
		}
		LogEvent.Builder event = LogEvent.builder();
		if (this.captureContent && response != null) {
			StringBuilder text = new StringBuilder();
			for (Generation generation : response.getResults()) {
				if (generation.getOutput().getText() != null
						&& !Boolean.TRUE.equals(generation.getOutput().getMetadata().get("thinking"))) {
					text.append(generation.getOutput().getText());
				}
			}
			event.output(text.toString());
		}
		if (error != null) {
			event.error(error);
		}
		logQuietly(run, event.build());
		try {
			run.end();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not end the Braintrust ChatClient span", ex);
		}
	}

	private static void logQuietly(Span span, LogEvent event) {
		try {
			span.log(event);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not log the Braintrust ChatClient span", ex);
		}
	}

	private static boolean offersTools(@Nullable ChatOptions options) {
		return options instanceof ToolCallingChatOptions toolOptions && toolOptions.getToolCallbacks() != null
				&& !toolOptions.getToolCallbacks().isEmpty();
	}

	@Override
	public String toString() {
		return NAME + "[order=" + this.order + ", captureContent=" + this.captureContent + "]";
	}

	/**
	 * Builds a {@link BraintrustToolCallAdvisor}.
	 */
	public static final class Builder {

		private final BraintrustLogger logger;

		private boolean captureContent = true;

		private int order = DEFAULT_ORDER;

		private Builder(BraintrustLogger logger) {
			Assert.notNull(logger, "'logger' must not be null");
			this.logger = logger;
		}

		/**
		 * Set whether to log tool arguments and results (on by default).
		 * @param captureContent false to log only tool names, timing and errors
		 * @return this builder
		 */
		public Builder captureContent(boolean captureContent) {
			this.captureContent = captureContent;
			return this;
		}

		/**
		 * Set the advisor order. Keep it below {@code ToolCallingAdvisor}'s order.
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
		public BraintrustToolCallAdvisor build() {
			return new BraintrustToolCallAdvisor(this);
		}

	}

}

package dev.braintrust.spring.ai;

import java.util.Locale;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Logs {@code ChatModel} calls made without the {@link BraintrustChatClientAdvisor} (a
 * direct {@code chatModel.call(prompt)}, or a hand-built {@code ChatClient}) as
 * Braintrust {@code llm} spans, from Spring AI's chat-model observations. Spring Boot
 * registers {@code ObservationHandler} beans with the {@code ObservationRegistry}, which
 * the auto-configured chat models use.
 * <p>
 * A call is never logged twice: observations opened while the advisor calls the model (on
 * the thread it marks, or below the advisor's own observation) are skipped. For streamed
 * calls the span runs from subscription to completion, error or cancellation; the output
 * and token counts are those of Spring AI's aggregated response (streams seen here have
 * no time to first token, which only the advisor measures).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustChatModelObservationHandler implements ObservationHandler<ChatModelObservationContext> {

	private static final int MAX_PARENT_DEPTH = 32;

	private final BraintrustLogger braintrust;

	private final BraintrustAdvisorLogConvention convention;

	private final boolean captureContent;

	/**
	 * Create a handler.
	 * @param logger the logger the spans go to
	 * @param convention maps calls to span fields
	 * @param captureContent whether to log messages
	 */
	public BraintrustChatModelObservationHandler(BraintrustLogger logger, BraintrustAdvisorLogConvention convention,
			boolean captureContent) {
		Assert.notNull(logger, "'logger' must not be null");
		Assert.notNull(convention, "'convention' must not be null");
		this.braintrust = logger;
		this.convention = convention;
		this.captureContent = captureContent;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		if (ChatModelCallMarker.isMarked() || isBelowBraintrustAdvisor(context)) {
			return;
		}
		LlmSpan span = LlmSpan.start(this.braintrust, CurrentSpan.getOrNull(), context.getRequest(), provider(context),
				context.isStreaming(), this.convention, this.captureContent);
		context.put(LlmSpan.class, span);
	}

	@Override
	public void onError(ChatModelObservationContext context) {
		LlmSpan span = context.get(LlmSpan.class);
		Throwable error = context.getError();
		if (span != null && error != null) {
			span.fail(error, context.getResponse(), -1);
		}
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		LlmSpan span = context.get(LlmSpan.class);
		if (span == null) {
			return;
		}
		ChatResponse response = context.getResponse();
		if (context.isStreaming() && response == null) {
			// Spring AI stops a stream's observation in doFinally, and sets the
			// aggregated
			// response only on completion: no response and no error means a cancellation.
			span.cancel(null, -1);
		}
		else {
			span.succeed(response, -1);
		}
	}

	private @Nullable String provider(ChatModelObservationContext context) {
		String observed = context.getOperationMetadata().provider();
		if (!StringUtils.hasText(observed) || observed.equals("spring_ai")) {
			return null;
		}
		return switch (observed.toLowerCase(Locale.ROOT)) {
			case "mistral_ai" -> "mistral";
			case "google_genai", "vertex_ai" -> "google";
			case "bedrock_converse" -> "bedrock";
			case "azure_openai" -> "azure";
			default -> observed.toLowerCase(Locale.ROOT);
		};
	}

	/**
	 * Whether the observation descends from the Braintrust advisor's advisor observation.
	 */
	private static boolean isBelowBraintrustAdvisor(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < MAX_PARENT_DEPTH; depth++) {
			Observation.ContextView view = parent.getContextView();
			if (view instanceof AdvisorObservationContext advisor
					&& BraintrustChatClientAdvisor.NAME.equals(advisor.getAdvisorName())) {
				return true;
			}
			parent = view.getParentObservation();
		}
		return false;
	}

}

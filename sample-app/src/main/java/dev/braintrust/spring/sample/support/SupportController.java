package dev.braintrust.spring.sample.support;

import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanType;
import dev.braintrust.spring.tracing.Traced;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The support API. Each request is the root span of a Braintrust trace, named after the
 * endpoint; the answer carries that trace's id.
 *
 * @author Braintrust
 */
@RestController
@RequestMapping("/api")
public class SupportController {

	private final SupportAssistant assistant;

	private final BraintrustLogger braintrustLogger;

	/**
	 * Create the controller.
	 * @param assistant the assistant
	 * @param braintrustLogger the logger, to read the request's span
	 */
	public SupportController(SupportAssistant assistant, BraintrustLogger braintrustLogger) {
		this.assistant = assistant;
		this.braintrustLogger = braintrustLogger;
	}

	/**
	 * Answer a question.
	 * @param request the question
	 * @return the answer
	 */
	@PostMapping("/ask")
	@Traced(name = "POST /api/ask", type = SpanType.TASK)
	public AskResponse ask(@RequestBody AskRequest request) {
		validate(request);
		String traceId = traceId(this.braintrustLogger.currentSpan());
		return this.assistant.answer(request).withTraceId(traceId);
	}

	/**
	 * Answer a question as server-sent events: {@code token} events with the model's text
	 * as it comes, then one {@code done} event with the answer.
	 * @param request the question
	 * @return the events
	 */
	@PostMapping(path = "/ask/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Traced(name = "POST /api/ask/stream", type = SpanType.TASK, captureOutput = false)
	public Flux<ServerSentEvent<Object>> askStream(@RequestBody AskRequest request) {
		validate(request);
		Span span = this.braintrustLogger.currentSpan();
		String traceId = traceId(span);
		return this.assistant.stream(request).map((event) -> {
			if (event instanceof StreamEvent.Done done) {
				AskResponse response = done.response().withTraceId(traceId);
				// The span's output is the answer, not the list of events
				span.log((log) -> log.output(response));
				return ServerSentEvent.builder((Object) response).event("done").build();
			}
			return ServerSentEvent.builder((Object) Map.of("text", ((StreamEvent.Token) event).text()))
				.event("token")
				.build();
		});
	}

	private static void validate(AskRequest request) {
		if (!StringUtils.hasText(request.question())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'question' must not be blank");
		}
	}

	private static @Nullable String traceId(Span span) {
		return span.isNoop() ? null : span.rootSpanId();
	}

}

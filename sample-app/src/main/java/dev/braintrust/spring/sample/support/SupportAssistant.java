package dev.braintrust.spring.sample.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.sample.faq.FaqHit;
import dev.braintrust.spring.sample.faq.FaqRetriever;
import dev.braintrust.spring.prompt.SpringAiPrompts;
import dev.braintrust.spring.sample.orders.OrderTools;
import dev.braintrust.spring.tracing.Traced;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.util.StringUtils;

/**
 * The support assistant: finds the FAQ entries for a question, asks the model with them
 * and the order-lookup tool, and post-processes the answer. Each step is a Braintrust
 * span: this method's, the retrieval's, one {@code llm} span per model call, one
 * {@code tool} span per lookup (from the advisors on the auto-configured
 * {@code ChatClient.Builder}) and the post-processing's.
 * <p>
 * The prompt is the Braintrust prompt {@value #PROMPT}: Braintrust's latest version with
 * an API key, else the resource {@code braintrust/prompts/support-answer.json}. The LLM
 * spans record which version it was ({@code metadata.prompt}).
 *
 * @author Braintrust
 */
public class SupportAssistant {

	/** The slug of the prompt. */
	public static final String PROMPT = "support-answer";

	private final ChatClient chatClient;

	private final SpringAiPrompts prompts;

	private final FaqRetriever retriever;

	private final AnswerPostProcessor postProcessor;

	/**
	 * Create the assistant.
	 * @param chatClientBuilder the auto-configured builder, which carries the Braintrust
	 * advisors
	 * @param prompts the Braintrust prompts
	 * @param retriever the FAQ retriever
	 * @param orderTools the tools offered to the model
	 * @param postProcessor the answer post-processor
	 */
	public SupportAssistant(ChatClient.Builder chatClientBuilder, SpringAiPrompts prompts, FaqRetriever retriever,
			OrderTools orderTools, AnswerPostProcessor postProcessor) {
		this.chatClient = chatClientBuilder.defaultTools(orderTools).build();
		this.prompts = prompts;
		this.retriever = retriever;
		this.postProcessor = postProcessor;
	}

	/**
	 * Answer a question.
	 * @param request the question
	 * @return the answer
	 */
	@Traced(name = "SupportAssistant.answer")
	public AskResponse answer(AskRequest request) {
		String question = question(request);
		List<FaqHit> hits = this.retriever.search(question);
		ToolCallLog toolCalls = new ToolCallLog();
		ChatResponse response = prompt(request, question, hits, toolCalls).call().chatResponse();
		return this.postProcessor.process(text(response), toolCalls.calls(), model(response));
	}

	/**
	 * Answer a question as a stream: the model's text as it comes, then the
	 * post-processed answer.
	 * @param request the question
	 * @return the events
	 */
	@Traced(name = "SupportAssistant.stream", captureOutput = false)
	public Flux<StreamEvent> stream(AskRequest request) {
		String question = question(request);
		List<FaqHit> hits = this.retriever.search(question);
		return Flux.defer(() -> {
			ToolCallLog toolCalls = new ToolCallLog();
			StringBuilder text = new StringBuilder();
			AtomicReference<@Nullable String> model = new AtomicReference<>();
			Flux<StreamEvent> tokens = prompt(request, question, hits, toolCalls).stream()
				.chatResponse()
				.doOnNext((chunk) -> {
					String chunkModel = model(chunk);
					if (chunkModel != null) {
						model.set(chunkModel);
					}
				})
				.map(SupportAssistant::text)
				.filter(StringUtils::hasLength)
				.doOnNext(text::append)
				.map(StreamEvent.Token::new);
			// Post-processing runs once the model is done; with Reactor's automatic
			// context propagation its span nests under this method's span.
			Mono<StreamEvent> done = Mono.fromCallable(() -> new StreamEvent.Done(
					this.postProcessor.process(text.toString(), toolCalls.calls(), model.get())));
			return tokens.concatWith(done);
		});
	}

	private ChatClient.ChatClientRequestSpec prompt(AskRequest request, String question, List<FaqHit> hits,
			ToolCallLog toolCalls) {
		Map<String, Object> toolContext = new HashMap<>();
		toolContext.put(OrderTools.LISTENER, toolCalls);
		if (StringUtils.hasText(request.customerId())) {
			toolContext.put(OrderTools.CUSTOMER_ID, request.customerId());
		}
		Map<String, Object> variables = Map.of("question", question, "faq", hits);
		return this.chatClient.prompt(this.prompts.prompt(PROMPT, variables)).toolContext(toolContext);
	}

	private static String question(AskRequest request) {
		String question = request.question();
		if (!StringUtils.hasText(question)) {
			throw new IllegalArgumentException("'question' must not be blank");
		}
		return question.strip();
	}

	private static String text(@Nullable ChatResponse response) {
		Generation generation = (response != null) ? response.getResult() : null;
		String text = (generation != null) ? generation.getOutput().getText() : null;
		return (text != null) ? text : "";
	}

	private static @Nullable String model(@Nullable ChatResponse response) {
		String model = (response != null) ? response.getMetadata().getModel() : null;
		return StringUtils.hasText(model) ? model : null;
	}

}

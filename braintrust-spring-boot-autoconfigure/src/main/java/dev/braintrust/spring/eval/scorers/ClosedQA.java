package dev.braintrust.spring.eval.scorers;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output answers the input and meets a criterion: autoevals'
 * {@code ClosedQA}. Variables: {@code input}, {@code output} and {@code criteria} (set it
 * with {@link #withCriteria(Object)} or give the case a {@code criteria} metadata entry).
 * Choices: Y 1, N 0.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ClosedQA extends LlmClassifier<ClosedQA> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "ClosedQA";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public ClosedQA(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public ClosedQA(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private ClosedQA(Settings settings) {
		super(NAME, JudgeTemplate.CLOSED_QA, settings);
	}

	/**
	 * A copy with {@code criteria}: the criterion the output must meet.
	 * @param criteria the value
	 * @return a new judge
	 */
	public ClosedQA withCriteria(@Nullable Object criteria) {
		return withVariable("criteria", criteria);
	}

	@Override
	ClosedQA copy(Settings settings) {
		return new ClosedQA(settings);
	}

}

package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output is factually consistent with the expected answer to the input:
 * autoevals' {@code Factuality}. Variables: {@code input}, {@code expected},
 * {@code output}. Choices: A (a consistent subset) 0.4, B (a consistent superset) 0.6, C
 * (the same details) 1, D (a disagreement) 0, E (differences that do not matter for
 * factuality) 1.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Factuality extends LlmClassifier<Factuality> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Factuality";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Factuality(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Factuality(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Factuality(Settings settings) {
		super(NAME, JudgeTemplate.FACTUALITY, settings);
	}

	@Override
	Factuality copy(Settings settings) {
		return new Factuality(settings);
	}

}

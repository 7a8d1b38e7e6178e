package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output provides a solution to the task in the input rather than declaring
 * it impossible: autoevals' {@code Possible}. Variables: {@code input}, {@code output}.
 * Choices: A (declares the task impossible) 0, B (provides a solution) 1.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Possible extends LlmClassifier<Possible> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Possible";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Possible(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Possible(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Possible(Settings settings) {
		super(NAME, JudgeTemplate.POSSIBLE, settings);
	}

	@Override
	Possible copy(Settings settings) {
		return new Possible(settings);
	}

}

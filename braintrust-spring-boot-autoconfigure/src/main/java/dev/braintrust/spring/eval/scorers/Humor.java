package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output is funny: autoevals' {@code Humor}. Variable: {@code output}.
 * Choices: Yes 1, No 0, Unsure 0.5.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Humor extends LlmClassifier<Humor> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Humor";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Humor(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Humor(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Humor(Settings settings) {
		super(NAME, JudgeTemplate.HUMOR, settings);
	}

	@Override
	Humor copy(Settings settings) {
		return new Humor(settings);
	}

}

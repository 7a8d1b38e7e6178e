package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output SQL is semantically the same as the expected SQL for the question in
 * the input: autoevals' {@code Sql}. Variables: {@code input}, {@code expected},
 * {@code output}. Choices: Correct 1, Incorrect 0.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Sql extends LlmClassifier<Sql> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Sql";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Sql(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Sql(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Sql(Settings settings) {
		super(NAME, JudgeTemplate.SQL, settings);
	}

	@Override
	Sql copy(Settings settings) {
		return new Sql(settings);
	}

}

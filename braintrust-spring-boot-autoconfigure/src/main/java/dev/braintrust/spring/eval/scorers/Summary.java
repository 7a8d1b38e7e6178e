package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output is a better summary of the input than the expected one: autoevals'
 * {@code Summary}. Variables: {@code input} (the text), {@code expected} (summary A),
 * {@code output} (summary B). Choices: A 0, B 1.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Summary extends LlmClassifier<Summary> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Summary";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Summary(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Summary(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Summary(Settings settings) {
		super(NAME, JudgeTemplate.SUMMARY, settings);
	}

	@Override
	Summary copy(Settings settings) {
		return new Summary(settings);
	}

}

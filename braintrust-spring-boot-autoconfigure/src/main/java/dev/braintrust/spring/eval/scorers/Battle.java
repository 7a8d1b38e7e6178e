package dev.braintrust.spring.eval.scorers;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output follows the instructions better than the expected output: autoevals'
 * {@code Battle}. Variables: {@code instructions} (set it with
 * {@link #withInstructions(Object)} or give the case an {@code instructions} metadata
 * entry), {@code output}, {@code expected}. Choices: Yes 1, No 0 (there is no tie).
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Battle extends LlmClassifier<Battle> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Battle";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Battle(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Battle(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Battle(Settings settings) {
		super(NAME, JudgeTemplate.BATTLE, settings);
	}

	/**
	 * A copy with {@code instructions}: the instructions both responses answer.
	 * @param instructions the value
	 * @return a new judge
	 */
	public Battle withInstructions(@Nullable Object instructions) {
		return withVariable("instructions", instructions);
	}

	@Override
	Battle copy(Settings settings) {
		return new Battle(settings);
	}

}

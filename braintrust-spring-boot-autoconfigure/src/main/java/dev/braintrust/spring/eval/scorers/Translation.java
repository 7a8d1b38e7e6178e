package dev.braintrust.spring.eval.scorers;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Whether the output translates the input as well as the expected translation: autoevals'
 * {@code Translation}. Variables: {@code language} (the source language: set it with
 * {@link #withLanguage(Object)} or give the case a {@code language} metadata entry),
 * {@code input}, {@code expected}, {@code output}. Choices: Y 1, N 0.
 * <p>
 * The prompt is autoevals' template, unchanged; see {@link LlmClassifier} for how it is
 * rendered, sent and scored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Translation extends LlmClassifier<Translation> {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Translation";

	/**
	 * Create the judge.
	 * @param chatClient the client that calls the model
	 */
	public Translation(ChatClient chatClient) {
		this(Settings.defaults(chatClient));
	}

	/**
	 * Create the judge on a bare chat model (no advisors, so the call is not logged by
	 * the Braintrust advisor; prefer a client built from the auto-configured builder).
	 * @param chatModel the model
	 */
	public Translation(ChatModel chatModel) {
		this(ChatClient.create(chatModel));
	}

	private Translation(Settings settings) {
		super(NAME, JudgeTemplate.TRANSLATION, settings);
	}

	/**
	 * A copy with {@code language}: the language the input is written in.
	 * @param language the value
	 * @return a new judge
	 */
	public Translation withLanguage(@Nullable Object language) {
		return withVariable("language", language);
	}

	@Override
	Translation copy(Settings settings) {
		return new Translation(settings);
	}

}

package dev.braintrust.spring.eval.scorers;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.ai.chat.client.ChatClient;

/**
 * An LLM judge with your own prompt and choices, like autoevals' {@code LLMClassifier}:
 *
 * <pre class="code">
 * Map&lt;String, Integer&gt; choices = new LinkedHashMap&lt;&gt;();
 * choices.put("Yes", 1);
 * choices.put("No", 0);
 * Scorer tone = new CustomClassifier("Tone", "Is this reply polite?\n\n{{output}}", choices, chatClient);
 * </pre>
 *
 * The prompt is a mustache template rendered as described in {@link LlmClassifier}, and
 * the chain-of-thought suffix is appended to it.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class CustomClassifier extends LlmClassifier<CustomClassifier> {

	private final String promptTemplate;

	private final Map<String, Double> scores;

	/**
	 * Create the judge.
	 * @param name the score's name
	 * @param promptTemplate the mustache prompt
	 * @param choiceScores the score in [0, 1] of each choice the model may pick, in the
	 * order the prompt lists them
	 * @param chatClient the client that calls the model
	 */
	public CustomClassifier(String name, String promptTemplate, Map<String, ? extends Number> choiceScores,
			ChatClient chatClient) {
		this(name, promptTemplate, doubles(choiceScores), Settings.defaults(chatClient));
	}

	private CustomClassifier(String name, String promptTemplate, Map<String, Double> scores, Settings settings) {
		super(requireName(name), new JudgeTemplate(name, promptTemplate, scores), settings);
		this.promptTemplate = promptTemplate;
		this.scores = scores;
	}

	@Override
	CustomClassifier copy(Settings settings) {
		return new CustomClassifier(name(), this.promptTemplate, this.scores, settings);
	}

	private static String requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A judge needs a name");
		}
		return name;
	}

	private static Map<String, Double> doubles(Map<String, ? extends Number> choiceScores) {
		if (choiceScores == null || choiceScores.isEmpty()) {
			throw new IllegalArgumentException("A judge needs at least one choice");
		}
		Map<String, Double> result = new LinkedHashMap<>();
		choiceScores.forEach((choice, score) -> {
			double value = score.doubleValue();
			if (!(value >= 0 && value <= 1)) {
				throw new IllegalArgumentException(
						"The score of choice '" + choice + "' must be in [0, 1], not " + score);
			}
			result.put(choice, value);
		});
		return result;
	}

}

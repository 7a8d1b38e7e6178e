package dev.braintrust.spring.eval.scorers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LLM judge's prompt template and choice scores, loaded from one of autoevals' YAML
 * templates copied into {@code templates/} next to this class. The files use a fixed
 * shape ({@code prompt: |-} block, then a {@code choice_scores} map), read here without a
 * YAML library.
 *
 * @param name the template's file name, without extension
 * @param prompt the mustache prompt template
 * @param choiceScores the score of each choice, in the template's order
 * @author Braintrust
 */
record JudgeTemplate(String name, String prompt, Map<String, Double> choiceScores) {

	JudgeTemplate {
		if (choiceScores.isEmpty()) {
			throw new IllegalArgumentException("A judge needs at least one choice");
		}
		choiceScores = Collections.unmodifiableMap(new LinkedHashMap<>(choiceScores));
	}

	static final JudgeTemplate BATTLE = load("battle");

	static final JudgeTemplate CLOSED_QA = load("closed_q_a");

	static final JudgeTemplate FACTUALITY = load("factuality");

	static final JudgeTemplate HUMOR = load("humor");

	static final JudgeTemplate POSSIBLE = load("possible");

	static final JudgeTemplate SECURITY = load("security");

	static final JudgeTemplate SQL = load("sql");

	static final JudgeTemplate SUMMARY = load("summary");

	static final JudgeTemplate TRANSLATION = load("translation");

	/**
	 * Load a template.
	 * @param name the file name without {@code .yaml}
	 * @return the template
	 */
	static JudgeTemplate load(String name) {
		String resource = "templates/" + name + ".yaml";
		try (InputStream in = JudgeTemplate.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing judge template " + resource);
			}
			return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read judge template " + resource, ex);
		}
	}

	static JudgeTemplate parse(String name, String yaml) {
		List<String> lines = List.of(yaml.split("\n", -1));
		List<String> prompt = new ArrayList<>();
		Map<String, Double> scores = new LinkedHashMap<>();
		String section = null;
		for (String line : lines) {
			if (line.startsWith("#")) {
				continue;
			}
			if (line.equals("prompt: |-")) {
				section = "prompt";
			}
			else if (line.equals("choice_scores:")) {
				section = "choice_scores";
			}
			else if ("prompt".equals(section) && (line.startsWith("  ") || line.isEmpty())) {
				prompt.add(line.isEmpty() ? "" : line.substring(2));
			}
			else if ("choice_scores".equals(section) && line.startsWith("  \"")) {
				int close = line.indexOf('"', 3);
				String choice = line.substring(3, close);
				String value = line.substring(line.indexOf(':', close) + 1).trim();
				scores.put(choice, Double.parseDouble(value));
			}
			else if (!line.isBlank()) {
				throw new IllegalStateException("Unexpected line in judge template " + name + ": " + line);
			}
		}
		// "|-" drops the trailing line breaks of the block
		while (!prompt.isEmpty() && prompt.get(prompt.size() - 1).isEmpty()) {
			prompt.remove(prompt.size() - 1);
		}
		return new JudgeTemplate(name, String.join("\n", prompt), scores);
	}

}

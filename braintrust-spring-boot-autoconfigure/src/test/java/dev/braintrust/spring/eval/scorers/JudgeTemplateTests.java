package dev.braintrust.spring.eval.scorers;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JudgeTemplate}: the small reader of the copied autoevals templates
 * gives what a YAML parser gives.
 */
class JudgeTemplateTests {

	@ParameterizedTest
	@ValueSource(strings = { "battle", "closed_q_a", "factuality", "humor", "possible", "security", "sql", "summary",
			"translation" })
	void shouldReadTemplatesAsAYamlParserDoes(String name) throws IOException {
		Map<String, Object> yaml;
		try (InputStream in = JudgeTemplate.class.getResourceAsStream("templates/" + name + ".yaml")) {
			yaml = new Yaml().load(in);
		}
		JudgeTemplate template = JudgeTemplate.load(name);
		assertThat(template.prompt()).isEqualTo(yaml.get("prompt"));
		Map<String, Double> scores = new LinkedHashMap<>();
		((Map<?, ?>) yaml.get("choice_scores"))
			.forEach((choice, score) -> scores.put((String) choice, ((Number) score).doubleValue()));
		assertThat(template.choiceScores()).containsExactlyEntriesOf(scores);
		assertThat(template.prompt()).doesNotContain("{{__choices}}").doesNotEndWith("\n");
	}

}

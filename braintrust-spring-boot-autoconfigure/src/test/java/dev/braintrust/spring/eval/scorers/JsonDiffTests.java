package dev.braintrust.spring.eval.scorers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link JsonDiff}.
 */
class JsonDiffTests {

	private final JsonDiff scorer = new JsonDiff();

	/**
	 * braintrustdata/autoevals py/autoevals/test_json.py {@code test_string_as_json}
	 * (within 1e-4); js/json.test.ts "JSON String Test" holds the same table.
	 */
	static Stream<Arguments> stringCases() {
		return LevenshteinTests.autoevalsCases();
	}

	@ParameterizedTest
	@MethodSource("stringCases")
	void shouldReproduceStringAsJson(String output, String expected, double score) {
		assertThat(this.scorer.score(output, expected)).isCloseTo(score, within(1e-4));
	}

	/**
	 * braintrustdata/autoevals py/autoevals/test_json.py {@code test_json}
	 * (pytest.approx, relative 1e-4); js/json.test.ts "JSON Object Test" adds
	 * {@code undefined} against {@code null} (1) and {@code ""} against {@code null} (0).
	 */
	static Stream<Arguments> objectCases() {
		return Stream.of(Arguments.of(null, null, 1.0), Arguments.of(null, "", 0.0), Arguments.of("", null, 0.0),
				Arguments.of(List.of(), Map.of(), 0.0), Arguments.of(List.of(), List.of(), 1.0),
				Arguments.of(Map.of(), Map.of(), 1.0), Arguments.of(Map.of("a", 1), Map.of("a", 1), 1.0),
				Arguments.of(Map.of("a", 1), Map.of("a", 2), 0.66667),
				Arguments.of(Map.of("a", 1), List.of("a", 1), 0.5714285714285714),
				Arguments.of(Map.of("a", 1), Map.of("b", Map.of("a", 1)), 0.0),
				Arguments.of(Map.of("a", 1), mapOf("a", null), 0.0),
				Arguments.of(Map.of("mapping", Map.of("a", "foo", "b", "bar")),
						mapOf("mapping", Map.of("a", "Foo", "b", "Bar"), "Extra", 5), 0.33333333333333337));
	}

	@ParameterizedTest
	@MethodSource("objectCases")
	void shouldReproduceJsonObjects(Object output, Object expected, double score) {
		assertThat(this.scorer.score(output, expected)).isCloseTo(score, within(1e-4 * Math.max(score, 1e-8)));
	}

	/**
	 * braintrustdata/autoevals py/autoevals/test_json_schema.py
	 * {@code test_semantic_json} (the one with a dict output; js/json.test.ts "Semantic
	 * JSON Test" is the same): with NumericDiff within 1e-4, with ExactMatch as number
	 * scorer no higher than the expected value (in percent).
	 */
	static Stream<Arguments> semanticCases() {
		return Stream.of(Arguments.of("{\"x\": 1, \"y\": 2}", "{\"y\": 2, \"x\": 1}", 1.0),
				Arguments.of("{\"zs\": [\"a\", \"b\"], \"x\": 1, \"y\": 2}",
						"{\"y\": 2, \"zs\": [\"a\", \"b\"], \"x\": 1}", 1.0),
				Arguments.of("{\"o1\": {\"x\": 1, \"y\": 2}}", "{\"o1\": {\"y\": 2, \"x\": 1}}", 1.0),
				Arguments.of("{\"xs\": [{\"o1\": {\"x\": 1, \"y\": [2]}}]}",
						"{\"xs\": [{\"o1\": {\"y\": [2], \"x\": 1}}]}", 1.0),
				Arguments.of("{\"o1\": {\"x\": 2, \"y\": 2}}", "{\"o1\": {\"y\": 2, \"x\": 1}}", 0.83333),
				Arguments.of(Map.of("o1", Map.of("x", 2, "y", 2)), "{\"o1\": {\"y\": 2, \"x\": 1}}", 0.83333),
				Arguments.of("{\"x\": 1, \"y\": 2}", "{\"x\": 1, \"z\": 2}", 0.3333),
				Arguments.of("[1, 2]", "[1, 2]", 1.0), Arguments.of("[1, 2]", "[2, 1]", 0.66667));
	}

	@ParameterizedTest
	@MethodSource("semanticCases")
	void shouldReproduceSemanticJson(Object output, Object expected, double score) {
		assertThat(this.scorer.score(output, expected)).isCloseTo(score, within(1e-4));
		double exact = this.scorer.withNumberScorer(new ExactMatch()).score(output, expected);
		assertThat(Math.round(exact * 100)).isLessThanOrEqualTo(Math.round(score * 100));
	}

	/**
	 * braintrustdata/autoevals py/autoevals/test_json_skipped_scores.py: a skipped
	 * sub-score is not averaged as a zero, and a comparison where everything was skipped
	 * is itself skipped.
	 */
	@Test
	void shouldLeaveSkippedSubScoresOutOfTheAverages() {
		Scorer skipsOne = Scorer.of("skip-one",
				(args) -> "skip".equals(args.output()) ? null : (args.output().equals(args.expected()) ? 1.0 : 0.0));
		Scorer skipsAll = Scorer.of("skip-all", (args) -> null);
		Scorer exact = Scorer.of("exact", (args) -> args.output().equals(args.expected()) ? 1.0 : 0.0);
		JsonDiff withSkips = this.scorer.withStringScorer(skipsOne);
		// test_skipped_element_in_a_list_is_not_scored_as_zero
		assertThat(withSkips.score(List.of("skip", "same"), List.of("skip", "same"))).isEqualTo(1.0);
		// test_list_and_dict_treat_an_identical_skip_the_same_way
		assertThat(withSkips.score(mapOf("a", "skip", "b", "same"), mapOf("a", "skip", "b", "same"))).isEqualTo(1.0);
		// test_a_fully_skipped_object_reports_a_skip_rather_than_raising
		assertThat(
				this.scorer.withStringScorer(skipsAll).score(ScorerArgs.of(Map.of("a", "x"), Map.of("a", "y"))).score())
			.isNull();
		// test_a_fully_skipped_list_reports_a_skip_rather_than_raising
		Score skippedList = this.scorer.withStringScorer(skipsAll).score(ScorerArgs.of(List.of("x"), List.of("y")));
		assertThat(skippedList.name()).isEqualTo("JSONDiff");
		assertThat(skippedList.score()).isNull();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.scorer.withStringScorer(skipsAll).score(List.of("x"), List.of("y")))
			.withMessageContaining("every comparison was skipped");
		JsonDiff exactStrings = this.scorer.withStringScorer(exact);
		// test_missing_elements_are_still_penalised
		assertThat(exactStrings.score(List.of("a"), List.of("a", "b"))).isEqualTo(0.5);
		// test_unskipped_lists_are_unchanged
		assertThat(exactStrings.score(List.of("a", "b"), List.of("a", "b"))).isEqualTo(1.0);
		assertThat(exactStrings.score(List.of("a", "x"), List.of("a", "b"))).isEqualTo(0.5);
		// test_unskipped_dicts_are_unchanged
		assertThat(exactStrings.score(Map.of("a", "1"), Map.of("a", "1"))).isEqualTo(1.0);
		assertThat(exactStrings.score(mapOf("a", "1", "b", "2"), mapOf("a", "1", "b", "3"))).isEqualTo(0.5);
		// test_empty_containers_still_score_one
		assertThat(exactStrings.score(Map.of(), Map.of())).isEqualTo(1.0);
		assertThat(exactStrings.score(List.of(), List.of())).isEqualTo(1.0);
	}

	@Test
	void shouldKeepStringsWhenAsked() {
		// the texts differ by their key order: 1 when parsed, an edit distance when kept
		String a = "{\"x\": 1, \"y\": 2}";
		String b = "{\"y\": 2, \"x\": 1}";
		assertThat(this.scorer.score(a, b)).isEqualTo(1.0);
		assertThat(this.scorer.withPreserveStrings(true).score(a, b)).isEqualTo(new Levenshtein().score(a, b));
		assertThat(new Levenshtein().score(a, b)).isLessThan(1.0);
	}

	@Test
	void shouldOnlyParseStringsHoldingObjectsOrArrays() {
		// "1" is valid JSON but not an object or array, so it stays a string: '"1"'
		// against '1'
		assertThat(this.scorer.score("1", 1)).isCloseTo(1 - 2.0 / 3, within(1e-12));
		assertThat(this.scorer.score("[1]", List.of(1))).isEqualTo(1.0);
	}

	@Test
	void shouldCompareMixedTypesAsSortedCompactJson() {
		// json.dumps(True) is 'true', against 'x': distance 4 over 4 characters
		assertThat(this.scorer.score(true, "x")).isEqualTo(0.0);
		// booleans are numbers for Python, so NumericDiff compares them
		assertThat(this.scorer.score(true, 1)).isEqualTo(1.0);
		// {"b":1,"a":2} sorts to {"a":2,"b":1}; against [2,1]
		assertThat(this.scorer.score(mapOf("b", 1, "a", 2), List.of(2, 1)))
			.isEqualTo(new Levenshtein().score("{\"a\":2,\"b\":1}", "[2,1]"));
	}

	@Test
	void shouldAcceptJacksonNodesAndArraysAsTheirJsonEquivalents() {
		JsonMapper mapper = JsonMapper.builder().build();
		Object node = mapper.readTree("{\"o1\": {\"x\": 2, \"y\": 2}}");
		assertThat(this.scorer.score(node, "{\"o1\": {\"y\": 2, \"x\": 1}}")).isCloseTo(0.83333, within(1e-4));
		assertThat(this.scorer.score(new int[] { 1, 2 }, Arrays.asList(2, 1))).isCloseTo(0.66667, within(1e-4));
	}

	static Map<String, Object> mapOf(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}

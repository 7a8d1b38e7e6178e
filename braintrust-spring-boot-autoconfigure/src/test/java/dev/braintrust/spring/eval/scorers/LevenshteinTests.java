package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Levenshtein}.
 */
class LevenshteinTests {

	private final Levenshtein scorer = new Levenshtein();

	/**
	 * braintrustdata/autoevals py/autoevals/test_string.py {@code test_levenshtein}
	 * (exact equality) and py/autoevals/test_values.py {@code test_levenshtein} (the same
	 * pairs within 1e-4); js/string.test.ts holds the same table.
	 */
	static Stream<Arguments> autoevalsCases() {
		return Stream.of(Arguments.of("", "", 1.0), Arguments.of("", "a", 0.0), Arguments.of("a", "", 0.0),
				Arguments.of("a", "a", 1.0), Arguments.of("a", "b", 0.0), Arguments.of("ab", "ac", 0.5),
				Arguments.of("ac", "bc", 0.5), Arguments.of("abc", "axc", 0.6666666666666667),
				Arguments.of("xabxcdxxefxgx", "1ab2cd34ef5g6", 0.5384615384615384));
	}

	@ParameterizedTest
	@MethodSource("autoevalsCases")
	void shouldReproduceAutoevalsExactly(String output, String expected, double score) {
		assertThat(this.scorer.score(output, expected)).isEqualTo(score);
	}

	@Test
	void shouldCountCodePointsAsPythonDoes() {
		// one astral character is one Python character (two UTF-16 units in Java)
		assertThat(this.scorer.score("\uD83D\uDE00", "")).isEqualTo(0.0);
		assertThat(this.scorer.score("a\uD83D\uDE00", "a\uD83D\uDE01")).isEqualTo(0.5);
		assertThat(this.scorer.score("\uD83D\uDE00b", "b")).isEqualTo(0.5);
	}

	@Test
	void shouldCompareValuesByTheirPythonStr() {
		assertThat(this.scorer.score(true, "True")).isEqualTo(1.0);
		assertThat(this.scorer.score(null, "None")).isEqualTo(1.0);
		assertThat(this.scorer.score(1.0, "1.0")).isEqualTo(1.0);
		assertThat(this.scorer.score(10, "10")).isEqualTo(1.0);
		assertThat(this.scorer.score(Map.of("a", 1), "{'a': 1}")).isEqualTo(1.0);
		assertThat(this.scorer.score(List.of("x", 2.5, false), "['x', 2.5, False]")).isEqualTo(1.0);
		// str("{\"a\": 1}") is the text itself: a string holding JSON is not parsed
		assertThat(this.scorer.score("{\"a\": 1}", "{'a': 1}")).isCloseTo(1 - 2.0 / 8, within(1e-12));
	}

	@Test
	void shouldRequireAnExpectedValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score("a", null))
			.withMessage("Levenshtein requires an expected value");
	}

	@Test
	void shouldReturnAScoreNamedAsAutoevalsNamesIt() {
		Score score = this.scorer.score(ScorerArgs.of("ab", "ac"));
		assertThat(score.name()).isEqualTo("Levenshtein");
		assertThat(score.score()).isEqualTo(0.5);
		assertThat(this.scorer.name()).isEqualTo("Levenshtein");
	}

}

package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static dev.braintrust.spring.eval.scorers.JsonDiffTests.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExactMatch}.
 */
class ExactMatchTests {

	private final ExactMatch scorer = new ExactMatch();

	/**
	 * braintrustdata/autoevals js/value.test.ts "ExactMatch" (autoevals has no Python
	 * table for it; each case gives the same result under py/autoevals/value.py, with
	 * JavaScript's {@code undefined} as null).
	 */
	static Stream<Arguments> autoevalsCases() {
		return Stream.of(Arguments.of("hello", "hello", 1.0), Arguments.of("hello", "world", 0.0),
				Arguments.of(123, 123, 1.0), Arguments.of(123, "123", 1.0),
				Arguments.of(mapOf("a", 1, "b", 2), mapOf("a", 1, "b", 2), 1.0),
				Arguments.of(mapOf("a", 1, "b", 2), mapOf("a", 1, "b", 3), 0.0),
				Arguments.of(List.of(1, 2, 3), List.of(1, 2, 3), 1.0),
				Arguments.of(List.of(1, 2, 3), List.of(3, 2, 1), 0.0),
				Arguments.of(mapOf("a", 1, "b", 2), mapOf("b", 2, "a", 1), 0.0),
				Arguments.of(mapOf("a", 1, "b", 2), "{\"a\": 1, \"b\": 2}", 1.0),
				Arguments.of(mapOf("a", 1, "b", 2), "{\"a\":1, \"b\":2}", 1.0),
				Arguments.of(mapOf("a", 1, "b", 2), "{\"b\":2, \"a\":1}", 0.0),
				Arguments.of(mapOf("a", 1, "b", 2), mapOf("b", 2, "a", 1, "c", 3), 0.0), Arguments.of(null, null, 1.0));
	}

	@ParameterizedTest
	@MethodSource("autoevalsCases")
	void shouldReproduceAutoevals(Object output, Object expected, double score) {
		assertThat(this.scorer.score(output, expected)).isEqualTo(score);
	}

	/**
	 * Python semantics of py/autoevals/value.py: scalars compare by {@code str()}.
	 */
	@Test
	void shouldCompareScalarsByTheirPythonStr() {
		assertThat(this.scorer.score(null, "None")).isEqualTo(1.0);
		assertThat(this.scorer.score(true, "True")).isEqualTo(1.0);
		assertThat(this.scorer.score(true, "true")).isEqualTo(0.0);
		assertThat(this.scorer.score(1, 1.0)).isEqualTo(0.0);
		assertThat(this.scorer.score(1.0, "1.0")).isEqualTo(1.0);
		assertThat(this.scorer.score(1e-5, "1e-05")).isEqualTo(1.0);
		assertThat(this.scorer.score(1e16, "1e+16")).isEqualTo(1.0);
		assertThat(this.scorer.score(0.1f, "0.1")).isEqualTo(1.0);
		// a string holding JSON is compared as text when no side is an object
		assertThat(this.scorer.score("{\"a\": 1}", "{\"a\":1}")).isEqualTo(0.0);
	}

	@Test
	void shouldNormalizeJsonTextAgainstAnObject() {
		assertThat(this.scorer.score(List.of("é", 1.5), "[\"\\u00e9\", 1.5]")).isEqualTo(1.0);
		assertThat(this.scorer.score(List.of("é"), "[\"é\"]")).isEqualTo(1.0);
		assertThat(this.scorer.score(List.of(1), " [1] ")).isEqualTo(1.0);
		assertThat(this.scorer.score(List.of(1), "[1.0]")).isEqualTo(0.0);
		assertThat(this.scorer.score(Map.of("a", List.of()), "not json")).isEqualTo(0.0);
	}

	@Test
	void shouldScoreZeroWhereObjectMeetsANonString() {
		// Python raises TypeError from json.loads; like autoevals' TypeScript, this is 0
		assertThat(this.scorer.score(List.of(1), null)).isEqualTo(0.0);
		assertThat(this.scorer.score(Map.of("a", 1), 5)).isEqualTo(0.0);
	}

	@Test
	void shouldAcceptJacksonNodes() {
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(this.scorer.score(mapper.readTree("{\"a\":1,\"b\":[true,null]}"),
				mapOf("a", 1, "b", List.of(true, "x"))))
			.isEqualTo(0.0);
		assertThat(this.scorer.score(mapper.readTree("{\"a\":1,\"b\":[true,null]}"), "{\"a\": 1, \"b\": [true, null]}"))
			.isEqualTo(1.0);
		assertThat(this.scorer.score(ScorerArgs.of("x", "x")).name()).isEqualTo("ExactMatch");
	}

}

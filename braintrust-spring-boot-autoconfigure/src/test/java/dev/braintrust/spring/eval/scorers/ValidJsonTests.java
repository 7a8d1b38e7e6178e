package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ValidJson}.
 */
class ValidJsonTests {

	private static final String SCHEMA_A_STRING = """
			{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}""";

	private static final String SCHEMA_B_NUMBER = """
			{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "number"}}, "required": ["a"]}""";

	private static final String SCHEMA_B_NUMBER_REQUIRED = """
			{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "number"}},
			 "required": ["a", "b"]}""";

	private static final String SCHEMA_ARRAY = """
			{"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"},
			 "b": {"type": "number"}}, "required": ["a"]}, "uniqueItems": true}""";

	/**
	 * braintrustdata/autoevals py/autoevals/test_json_schema.py {@code test_valid_json}
	 * (the version with parsed outputs), plus the two schema cases js/json.test.ts "Valid
	 * JSON Test" words differently.
	 */
	static Stream<Arguments> autoevalsCases() {
		return Stream.of(Arguments.of("1", 0.0, null), Arguments.of("{ \"a\": 1, \"b\": \"hello\" }", 1.0, null),
				Arguments.of("[{ \"a\": 1 }]", 1.0, null), Arguments.of("[{ \"a\": 1 }", 0.0, null),
				Arguments.of("{ \"mapping\": { \"a\": \"foo\", \"b\": \"bar\" }, \"extra\": 4 }", 1.0, null),
				Arguments.of("{ mapping: { \"a\": \"foo\", \"b\": \"bar\" }, \"extra\": 4 }", 0.0, null),
				Arguments.of("{ \"a\": \"1\" }", 1.0, SCHEMA_A_STRING),
				Arguments.of("{\"a\": \"1\", \"b\": \"1\"}", 0.0, SCHEMA_B_NUMBER),
				Arguments.of("[{\"a\": \"1\"}, {\"a\": \"1\", \"b\": 22}]", 1.0, SCHEMA_ARRAY),
				Arguments.of(Map.of("a", "1", "b", "1"), 1.0, null),
				Arguments.of(List.of(Map.of("a", "1"), Map.of("a", "1", "b", 22)), 1.0, null),
				Arguments.of(100, 0.0, null), Arguments.of("100", 0.0, null),
				// js/json.test.ts
				Arguments.of("{\"a\":\"1\"}", 1.0, SCHEMA_A_STRING),
				Arguments.of("{ \"a\": \"1\", \"b\": \"1\" }", 0.0, SCHEMA_B_NUMBER_REQUIRED));
	}

	@ParameterizedTest
	@MethodSource("autoevalsCases")
	void shouldReproduceAutoevals(Object output, double score, @Nullable String schema) {
		ValidJson scorer = (schema != null) ? new ValidJson().withSchema(schema) : new ValidJson();
		assertThat(scorer.score(output, null)).isEqualTo(score);
	}

	@Test
	void shouldIgnoreTheExpectedValue() {
		assertThat(new ValidJson().score("{}", "not json")).isEqualTo(1.0);
		assertThat(new ValidJson().score(ScorerArgs.of("[]", Map.of("type", "string"))).score()).isEqualTo(1.0);
		assertThat(new ValidJson().score(ScorerArgs.of("[]", null)).name()).isEqualTo("ValidJSON");
	}

	@Test
	void shouldAcceptSchemasAsMaps() {
		ValidJson scorer = new ValidJson().withSchema(Map.of("type", "array"));
		assertThat(scorer.score("[1]", null)).isEqualTo(1.0);
		assertThat(scorer.score("{}", null)).isEqualTo(0.0);
		// a schema validates scalars too
		assertThat(new ValidJson().withSchema("{\"type\": \"integer\"}").score("100", null)).isEqualTo(1.0);
	}

	@Test
	void shouldNotAssertFormatsAsPythonJsonschemaDoesNot() {
		ValidJson scorer = new ValidJson().withSchema("{\"type\": \"string\", \"format\": \"email\"}");
		assertThat(scorer.score("\"not an email\"", null)).isEqualTo(1.0);
	}

	@Test
	void shouldRejectInvalidSchemasUpFront() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ValidJson().withSchema("{\"type\": \"foo\"}"))
			.withMessageStartingWith("Invalid JSON Schema");
		assertThatIllegalArgumentException().isThrownBy(() -> new ValidJson().withSchema("{oops"))
			.withMessageStartingWith("The JSON Schema is not valid JSON");
	}

}

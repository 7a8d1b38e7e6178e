package dev.braintrust.spring.eval.scorers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link NumericDiff}.
 */
class NumericDiffTests {

	private final NumericDiff scorer = new NumericDiff();

	/**
	 * braintrustdata/autoevals py/autoevals/test_values.py {@code test_numeric} (within
	 * 1e-4); js/value.test.ts "Numeric Test" holds the same table.
	 */
	static Stream<Arguments> testValuesCases() {
		return Stream.of(Arguments.of(0, 0, 1.0), Arguments.of(0, 1, 0.0), Arguments.of(1, 2, 0.66667),
				Arguments.of(1.0, 2.0, 0.66667), Arguments.of(-1, 2, 0.0));
	}

	@ParameterizedTest
	@MethodSource("testValuesCases")
	void shouldReproduceTestValues(Number output, Number expected, double score) {
		assertThat(this.scorer.score(output, expected)).isCloseTo(score, within(1e-4));
	}

	/**
	 * braintrustdata/autoevals py/autoevals/test_number.py
	 * {@code test_numeric_diff_finite_extremes} (pytest.approx, relative 1e-6) and
	 * js/number.test.ts (12 digits).
	 */
	static Stream<Arguments> finiteExtremes() {
		double max = Double.MAX_VALUE;
		return Stream.of(Arguments.of(max, max, 1.0), Arguments.of(max, max / 2, 2.0 / 3), Arguments.of(max, -max, 0.0),
				Arguments.of(-max, -max / 2, 2.0 / 3), Arguments.of(1e-320, 1e-320 / 2, 2.0 / 3),
				Arguments.of(0, 0, 1.0), Arguments.of(0, max, 0.0), Arguments.of(10, 5, 2.0 / 3));
	}

	@ParameterizedTest
	@MethodSource("finiteExtremes")
	void shouldStayFiniteAtTheExtremes(Number output, Number expected, double score) {
		double result = this.scorer.score(output, expected);
		assertThat(Double.isFinite(result)).isTrue();
		assertThat(result).isCloseTo(score, within(1e-12));
	}

	@Test
	void shouldScoreOppositeSignsZero() {
		assertThat(this.scorer.score(-5, 5)).isEqualTo(0.0);
		assertThat(this.scorer.score(3.5, -0.001)).isEqualTo(0.0);
	}

	@Test
	void shouldTreatBooleansAndJavaNumberTypesAsPythonNumbers() {
		assertThat(this.scorer.score(true, 1)).isEqualTo(1.0);
		assertThat(this.scorer.score(false, 0)).isEqualTo(1.0);
		assertThat(this.scorer.score(1.5f, new BigDecimal("1.5"))).isEqualTo(1.0);
		assertThat(this.scorer.score(105L, (short) 100)).isCloseTo(1 - 5.0 / 205, within(1e-12));
		BigInteger huge = BigInteger.TEN.pow(400);
		assertThat(this.scorer.score(huge, huge.multiply(BigInteger.TWO))).isCloseTo(2.0 / 3, within(1e-12));
	}

	@Test
	void shouldRejectWhatPythonRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score(1, null))
			.withMessage("NumericDiff requires an expected value");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score("42", 42))
			.withMessageContaining("the output is String '42'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score(null, 42))
			.withMessageContaining("the output is null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score(Double.NaN, 1))
			.withMessageContaining("finite");
	}

	@Test
	void shouldReturnAScoreNamedAsAutoevalsNamesIt() {
		assertThat(this.scorer.score(ScorerArgs.of(1, 2)).name()).isEqualTo("NumericDiff");
	}

}

package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ListContains} and {@link LinearSumAssignment}.
 */
class ListContainsTests {

	private static final List<String> WORKSPACE_WORDS = List.of("workspaces", "section", "view", "others", "workspace",
			"team", "pinning");

	private static final List<String> STARRED = List.of("starred", "multiple different workspaces", "shortcuts");

	private final ListContains scorer = new ListContains();

	/**
	 * braintrustdata/autoevals py/autoevals/test_values.py {@code test_list_contains}
	 * (within 1e-4); js/value.test.ts "ListContains Test" holds the same table (with
	 * {@code ["0"]} for {@code [0]}).
	 */
	static Stream<Arguments> autoevalsCases() {
		return Stream.of(Arguments.of(List.of(), List.of(), 1.0), Arguments.of(List.of(0), List.of(), 0.0),
				Arguments.of(List.of(), List.of(0), 0.0), Arguments.of(List.of("0"), List.of(), 0.0),
				Arguments.of(List.of(), List.of("0"), 0.0), Arguments.of(List.of("a"), List.of("a"), 1.0),
				Arguments.of(List.of("a"), List.of("a", "b"), 0.5), Arguments.of(List.of("a", "b"), List.of("a"), 0.5),
				Arguments.of(WORKSPACE_WORDS, STARRED, 0.1218), Arguments.of(STARRED, WORKSPACE_WORDS, 0.1218));
	}

	@ParameterizedTest
	@MethodSource("autoevalsCases")
	void shouldReproduceAutoevals(List<?> output, List<?> expected, double score) {
		assertThat(this.scorer.score(output, expected)).isCloseTo(score, within(1e-4));
	}

	@Test
	void shouldAllowExtraEntitiesWhenAsked() {
		// py/autoevals/test_values.py: ["a", "b"] against ["a"] with
		// allow_extra_entities=True is 1
		assertThat(this.scorer.withAllowExtraEntities(true).score(List.of("a", "b"), List.of("a"))).isEqualTo(1.0);
		// js/value.test.ts: ["a", "b"] against ["b"] with allowExtraEntities is 1
		assertThat(this.scorer.withAllowExtraEntities(true).score(List.of("a", "b"), List.of("b"))).isEqualTo(1.0);
		assertThat(this.scorer.withAllowExtraEntities(false).score(List.of("a", "b"), List.of("b"))).isEqualTo(0.5);
	}

	@Test
	void shouldPickTheOptimalPairingNotTheGreedyOne() {
		// greedy takes 0.75 first and is left with 0.0; the optimum pairs crosswise for
		// 1.4
		double[][] weights = { { 0.75, 0.7 }, { 0.7, 0.0 } };
		assertThat(LinearSumAssignment.maximize(weights)).containsExactly(1, 0);
		Scorer table = Scorer.of("table", (
				args) -> weights[Integer.parseInt((String) args.output())][Integer.parseInt((String) args.expected())]);
		assertThat(this.scorer.withPairwiseScorer(table).score(List.of("0", "1"), List.of("0", "1"))).isCloseTo(0.7,
				within(1e-12));
	}

	@Test
	void shouldMatchBruteForceOnRandomRectangularMatrices() {
		Random random = new Random(7);
		for (int round = 0; round < 300; round++) {
			int rows = 1 + random.nextInt(6);
			int columns = 1 + random.nextInt(6);
			double[][] weights = new double[rows][columns];
			for (double[] row : weights) {
				for (int j = 0; j < columns; j++) {
					row[j] = (random.nextInt(4) == 0) ? 0 : random.nextDouble();
				}
			}
			int[] assignment = LinearSumAssignment.maximize(weights);
			double total = 0;
			boolean[] usedColumns = new boolean[columns];
			int assigned = 0;
			for (int i = 0; i < rows; i++) {
				if (assignment[i] >= 0) {
					assertThat(usedColumns[assignment[i]]).isFalse();
					usedColumns[assignment[i]] = true;
					total += weights[i][assignment[i]];
					assigned++;
				}
			}
			assertThat(assigned).isEqualTo(Math.min(rows, columns));
			assertThat(total).isCloseTo(bruteForce(weights, 0, new boolean[columns]), within(1e-9));
		}
	}

	private static double bruteForce(double[][] weights, int row, boolean[] used) {
		if (row == weights.length) {
			return 0;
		}
		int free = 0;
		for (boolean u : used) {
			free += u ? 0 : 1;
		}
		double best = (weights.length - row > free) ? bruteForce(weights, row + 1, used) : Double.NEGATIVE_INFINITY;
		for (int j = 0; j < used.length; j++) {
			if (!used[j]) {
				used[j] = true;
				best = Math.max(best, weights[row][j] + bruteForce(weights, row + 1, used));
				used[j] = false;
			}
		}
		return best;
	}

	@Test
	void shouldCountASkippedPairAsZero() {
		Scorer skipsB = Scorer.of("skips", (args) -> "b".equals(args.output()) ? null : 1.0);
		assertThat(this.scorer.withPairwiseScorer(skipsB).score(List.of("a", "b"), List.of("x", "y"))).isEqualTo(0.5);
	}

	@Test
	void shouldIterateStringsAndMapsAsPythonDoes() {
		// a Python str is a sequence of characters, a dict a sequence of keys
		assertThat(this.scorer.score("ab", List.of("a", "b"))).isEqualTo(1.0);
		assertThat(this.scorer.score(Map.of("a", 1), List.of("a"))).isEqualTo(1.0);
	}

	@Test
	void shouldRejectMissingValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score(List.of("a"), null))
			.withMessage("ListContains requires an expected value");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score(null, List.of("a")))
			.withMessageContaining("the output is null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scorer.score(5, List.of("a")))
			.withMessageContaining("the output is Integer");
	}

	@Test
	void shouldReportThePairsInMetadata() {
		Score score = this.scorer.score(ScorerArgs.of(List.of("a", "b"), List.of("b")));
		assertThat(score.name()).isEqualTo("ListContains");
		assertThat(score.score()).isEqualTo(0.5);
		assertThat(score.metadata().get("pairs")).isEqualTo(List.of(List.of("b", "b", 1.0)));
	}

}

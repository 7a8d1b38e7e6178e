package dev.braintrust.spring.eval.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

/**
 * How well the items of the output list match the items of the expected list: autoevals'
 * {@code ListContains}. Every output item is scored against every expected item with a
 * pairwise scorer ({@link Levenshtein} by default; a skipped pair counts 0), the items
 * are paired one-to-one so that the total similarity is the largest possible (the
 * Hungarian algorithm), and the score is that total divided by the longer list's length,
 * or by the expected list's length when extra output items are allowed, clamped to [0,
 * 1]. Two empty lists score 1; one empty list scores 0.
 * <p>
 * As in Python, a string is a sequence of its characters and a map a sequence of its
 * keys. The score's metadata holds the chosen {@code pairs}
 * ({@code [output item, expected item, similarity]}).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ListContains implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "ListContains";

	private final Scorer pairwiseScorer;

	private final boolean allowExtraEntities;

	/**
	 * Create the scorer with autoevals' defaults: {@link Levenshtein} pairs, extra output
	 * items penalized.
	 */
	public ListContains() {
		this(new Levenshtein(), false);
	}

	private ListContains(Scorer pairwiseScorer, boolean allowExtraEntities) {
		this.pairwiseScorer = pairwiseScorer;
		this.allowExtraEntities = allowExtraEntities;
	}

	/**
	 * A copy that scores pairs of items with another scorer.
	 * @param pairwiseScorer the scorer
	 * @return a new scorer
	 */
	public ListContains withPairwiseScorer(Scorer pairwiseScorer) {
		if (pairwiseScorer == null) {
			throw new IllegalArgumentException("'pairwiseScorer' must not be null");
		}
		return new ListContains(pairwiseScorer, this.allowExtraEntities);
	}

	/**
	 * A copy that does (or does not) penalize output items beyond the expected ones.
	 * @param allowExtraEntities whether extra output items are allowed
	 * @return a new scorer
	 */
	public ListContains withAllowExtraEntities(boolean allowExtraEntities) {
		return new ListContains(this.pairwiseScorer, allowExtraEntities);
	}

	/**
	 * Score an output list against the expected list.
	 * @param output the output items
	 * @param expected the expected items
	 * @return the similarity in [0, 1]
	 * @throws IllegalArgumentException when a value is missing or not a sequence
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		return compute(output, expected).score();
	}

	@Override
	public Score score(ScorerArgs args) {
		Result result = compute(args.output(), args.expected());
		return new Score(NAME, result.score(), (result.pairs() != null) ? Map.of("pairs", result.pairs()) : Map.of());
	}

	@Override
	public String name() {
		return NAME;
	}

	private Result compute(@Nullable Object output, @Nullable Object expected) {
		if (expected == null) {
			throw new IllegalArgumentException("ListContains requires an expected value");
		}
		List<@Nullable Object> outputs = items("output", output);
		List<@Nullable Object> expecteds = items("expected", expected);
		if (outputs.isEmpty() && expecteds.isEmpty()) {
			return new Result(1, null);
		}
		if (outputs.isEmpty() || expecteds.isEmpty()) {
			return new Result(0, null);
		}
		double[][] similarities = new double[outputs.size()][expecteds.size()];
		for (int i = 0; i < outputs.size(); i++) {
			for (int j = 0; j < expecteds.size(); j++) {
				Double similarity = SubScorers.score(this.pairwiseScorer, outputs.get(i), expecteds.get(j));
				similarities[i][j] = (similarity != null) ? similarity : 0;
			}
		}
		int[] assignment = LinearSumAssignment.maximize(similarities);
		double total = 0;
		List<List<@Nullable Object>> pairs = new ArrayList<>();
		for (int i = 0; i < assignment.length; i++) {
			if (assignment[i] >= 0) {
				double similarity = similarities[i][assignment[i]];
				total += similarity;
				List<@Nullable Object> pair = new ArrayList<>(3);
				pair.add(outputs.get(i));
				pair.add(expecteds.get(assignment[i]));
				pair.add(similarity);
				pairs.add(pair);
			}
		}
		int denominator = this.allowExtraEntities ? expecteds.size() : Math.max(outputs.size(), expecteds.size());
		return new Result(Math.min(Math.max(total / denominator, 0), 1), pairs);
	}

	private static List<@Nullable Object> items(String role, @Nullable Object value) {
		Object canonical = PyValues.canonical(value);
		if (canonical instanceof List<?> list) {
			return new ArrayList<>(list);
		}
		if (canonical instanceof Map<?, ?> map) {
			return new ArrayList<>(map.keySet());
		}
		if (canonical instanceof String text) {
			List<@Nullable Object> characters = new ArrayList<>();
			text.codePoints().forEach((cp) -> characters.add(new String(Character.toChars(cp))));
			return characters;
		}
		throw new IllegalArgumentException("ListContains compares lists, but the " + role + " is "
				+ ((value != null) ? value.getClass().getSimpleName() : "null"));
	}

	@Override
	public String toString() {
		return NAME + "[pairwiseScorer=" + this.pairwiseScorer.name() + ", allowExtraEntities="
				+ this.allowExtraEntities + "]";
	}

	private record Result(double score, @Nullable List<List<@Nullable Object>> pairs) {
	}

}

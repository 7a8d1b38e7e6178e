package dev.braintrust.spring.eval.scorers;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

/**
 * Edit-distance similarity: autoevals' {@code Levenshtein}. Both values are turned into
 * text with Python's {@code str()} (a map becomes {@code {'a': 1}}, {@code null} becomes
 * {@code None}); the score is {@code 1 - distance / max(len)}, or 1 when both are empty.
 * Lengths and edits count Unicode code points, as Python does.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Levenshtein implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "Levenshtein";

	/**
	 * Create the scorer.
	 */
	public Levenshtein() {
	}

	/**
	 * Score an output against the expected value.
	 * @param output the output
	 * @param expected the expected value
	 * @return the similarity in [0, 1]
	 * @throws IllegalArgumentException when {@code expected} is null
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		if (expected == null) {
			throw new IllegalArgumentException("Levenshtein requires an expected value");
		}
		int[] o = PyValues.str(output).codePoints().toArray();
		int[] e = PyValues.str(expected).codePoints().toArray();
		int maxLength = Math.max(o.length, e.length);
		if (maxLength == 0) {
			return 1;
		}
		return 1 - ((double) distance(o, e) / maxLength);
	}

	@Override
	public Score score(ScorerArgs args) {
		return Score.of(NAME, score(args.output(), args.expected()));
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The Levenshtein distance (insertions, deletions and substitutions, each costing 1).
	 */
	static int distance(int[] a, int[] b) {
		if (a.length < b.length) {
			int[] swap = a;
			a = b;
			b = swap;
		}
		int[] previous = new int[b.length + 1];
		int[] current = new int[b.length + 1];
		for (int j = 0; j <= b.length; j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length; i++) {
			current[0] = i;
			for (int j = 1; j <= b.length; j++) {
				int substitution = previous[j - 1] + ((a[i - 1] == b[j - 1]) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length];
	}

	@Override
	public String toString() {
		return NAME;
	}

}

package dev.braintrust.spring.eval.scorers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

/**
 * Structural similarity of two JSON values: autoevals' {@code JSONDiff}. Rules, first
 * match wins:
 * <ol>
 * <li>unless strings are preserved, a string holding a JSON object or array is
 * parsed;</li>
 * <li>two objects: 1 when both are empty, else the mean score over the union of their
 * keys (a key missing on one side scores 0);</li>
 * <li>two lists: 1 when both are empty, else the summed scores of the pairs at the same
 * index divided by the longer length;</li>
 * <li>two strings: the string scorer ({@link Levenshtein} by default);</li>
 * <li>two numbers (booleans count as numbers): the number scorer ({@link NumericDiff} by
 * default);</li>
 * <li>two nulls: 1; one null: 0;</li>
 * <li>anything else: the string scorer on both values written as compact JSON with sorted
 * keys.</li>
 * </ol>
 * A sub-scorer may skip a pair by returning null: skipped pairs are left out of the
 * averages, and a comparison where every pair was skipped is itself skipped.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class JsonDiff implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "JSONDiff";

	private final Scorer stringScorer;

	private final Scorer numberScorer;

	private final boolean preserveStrings;

	/**
	 * Create the scorer with autoevals' defaults: {@link Levenshtein} for strings,
	 * {@link NumericDiff} for numbers, strings holding JSON parsed.
	 */
	public JsonDiff() {
		this(new Levenshtein(), new NumericDiff(), false);
	}

	private JsonDiff(Scorer stringScorer, Scorer numberScorer, boolean preserveStrings) {
		this.stringScorer = stringScorer;
		this.numberScorer = numberScorer;
		this.preserveStrings = preserveStrings;
	}

	/**
	 * A copy that compares strings with another scorer.
	 * @param stringScorer the scorer for pairs of strings
	 * @return a new scorer
	 */
	public JsonDiff withStringScorer(Scorer stringScorer) {
		return new JsonDiff(notNull(stringScorer, "stringScorer"), this.numberScorer, this.preserveStrings);
	}

	/**
	 * A copy that compares numbers with another scorer.
	 * @param numberScorer the scorer for pairs of numbers
	 * @return a new scorer
	 */
	public JsonDiff withNumberScorer(Scorer numberScorer) {
		return new JsonDiff(this.stringScorer, notNull(numberScorer, "numberScorer"), this.preserveStrings);
	}

	/**
	 * A copy that does (or does not) keep strings holding JSON as strings.
	 * @param preserveStrings whether to compare such strings as text instead of parsing
	 * them
	 * @return a new scorer
	 */
	public JsonDiff withPreserveStrings(boolean preserveStrings) {
		return new JsonDiff(this.stringScorer, this.numberScorer, preserveStrings);
	}

	/**
	 * Score an output against the expected value.
	 * @param output the output
	 * @param expected the expected value
	 * @return the similarity in [0, 1]
	 * @throws IllegalStateException when a custom sub-scorer skipped every comparison
	 * (the {@link Scorer} form returns a score of null instead)
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		Double score = diff(PyValues.canonical(output), PyValues.canonical(expected));
		if (score == null) {
			throw new IllegalStateException("JSONDiff: every comparison was skipped by a sub-scorer, so there is no "
					+ "score; use score(ScorerArgs) to receive a skipped Score instead");
		}
		return score;
	}

	@Override
	public Score score(ScorerArgs args) {
		return Score.of(NAME, diff(PyValues.canonical(args.output()), PyValues.canonical(args.expected())));
	}

	@Override
	public String name() {
		return NAME;
	}

	private @Nullable Double diff(@Nullable Object o1, @Nullable Object o2) {
		if (!this.preserveStrings) {
			o1 = parseIfStructured(o1);
			o2 = parseIfStructured(o2);
		}
		if (o1 instanceof Map<?, ?> m1 && o2 instanceof Map<?, ?> m2) {
			if (m1.isEmpty() && m2.isEmpty()) {
				return 1.0;
			}
			Set<Object> keys = new LinkedHashSet<>(m1.keySet());
			keys.addAll(m2.keySet());
			double sum = 0;
			int counted = 0;
			for (Object key : keys) {
				Double score = diff(m1.get(key), m2.get(key));
				if (score != null) {
					sum += score;
					counted++;
				}
			}
			return (counted > 0) ? sum / counted : null;
		}
		if (o1 instanceof List<?> l1 && o2 instanceof List<?> l2) {
			if (l1.isEmpty() && l2.isEmpty()) {
				return 1.0;
			}
			double sum = 0;
			int skipped = 0;
			for (int i = 0; i < Math.min(l1.size(), l2.size()); i++) {
				Double score = diff(l1.get(i), l2.get(i));
				if (score != null) {
					sum += score;
				}
				else {
					skipped++;
				}
			}
			// a skipped pair leaves the denominator; missing elements still count against
			int denominator = Math.max(l1.size(), l2.size()) - skipped;
			return (denominator > 0) ? sum / denominator : null;
		}
		if (o1 instanceof String && o2 instanceof String) {
			return SubScorers.score(this.stringScorer, o1, o2);
		}
		if (PyValues.isNumber(o1) && PyValues.isNumber(o2)) {
			return SubScorers.score(this.numberScorer, o1, o2);
		}
		if (o1 == null && o2 == null) {
			return 1.0;
		}
		if (o1 == null || o2 == null) {
			return 0.0;
		}
		return SubScorers.score(this.stringScorer, PyValues.dumpsSortedCompact(o1), PyValues.dumpsSortedCompact(o2));
	}

	private static @Nullable Object parseIfStructured(@Nullable Object value) {
		if (value instanceof String text) {
			Object parsed = ValidJson.parseStructured(text);
			if (parsed != null) {
				return parsed;
			}
		}
		return value;
	}

	private static Scorer notNull(@Nullable Scorer scorer, String name) {
		if (scorer == null) {
			throw new IllegalArgumentException("'" + name + "' must not be null");
		}
		return scorer;
	}

	@Override
	public String toString() {
		return NAME + "[stringScorer=" + this.stringScorer.name() + ", numberScorer=" + this.numberScorer.name()
				+ ", preserveStrings=" + this.preserveStrings + "]";
	}

}

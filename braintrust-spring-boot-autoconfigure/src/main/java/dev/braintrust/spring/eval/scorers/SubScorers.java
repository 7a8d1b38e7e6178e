package dev.braintrust.spring.eval.scorers;

import java.util.List;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scorer that another scorer delegates to (JSONDiff's string and number scorers,
 * ListContains' pairwise scorer).
 *
 * @author Braintrust
 */
final class SubScorers {

	private SubScorers() {
	}

	/**
	 * The score a scorer gives a pair of values.
	 * @param scorer the scorer
	 * @param output the output
	 * @param expected the expected value
	 * @return the score, or null when the scorer skipped the pair
	 */
	static @Nullable Double score(Scorer scorer, @Nullable Object output, @Nullable Object expected) {
		Object result;
		try {
			result = scorer.score(ScorerArgs.of(output, expected));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Scorer '" + scorer.name() + "' failed: " + ex.getMessage(), ex);
		}
		List<Score> scores = Scorer.normalize(scorer.name(), result);
		return scores.isEmpty() ? null : scores.get(0).score();
	}

}

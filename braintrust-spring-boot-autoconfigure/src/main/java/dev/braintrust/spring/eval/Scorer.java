package dev.braintrust.spring.eval;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Scores the output of an eval case. A scorer may return:
 * <ul>
 * <li>a {@link Number} in {@code [0, 1]} or a {@link Boolean} (1 or 0), named after the
 * scorer;</li>
 * <li>a {@link Score}, or a collection of them (several named scores);</li>
 * <li>{@code null}, to skip the case.</li>
 * </ul>
 * Lambdas work, and {@link #of(String, Scorer)} gives one a name:
 *
 * <pre class="code">
 * Scorer exact = Scorer.of("exact", (args) -&gt; Objects.equals(args.output(), args.expected()));
 * </pre>
 *
 * This is Braintrust's scorer, not Spring AI's {@code Evaluator}; an adapter turns the
 * latter into the former.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface Scorer {

	/**
	 * Score a case.
	 * @param args the case
	 * @return a number, a boolean, a {@link Score}, a collection of scores, or null to
	 * skip
	 * @throws Exception when scoring fails; the eval records the error and goes on
	 */
	@Nullable Object score(ScorerArgs args) throws Exception;

	/**
	 * The scorer's name, used for its span and for a bare number it returns. Defaults to
	 * the class's simple name; lambdas get {@code scorer_<index>} from the eval runner
	 * unless named with {@link #of(String, Scorer)}.
	 * @return the name
	 */
	default String name() {
		Class<?> type = getClass();
		return (type.isSynthetic() || type.isAnonymousClass() || type.getSimpleName().contains("$$Lambda")) ? "scorer"
				: type.getSimpleName();
	}

	/**
	 * Give a scorer (a lambda, say) a name.
	 * @param name the name
	 * @param scorer the scorer
	 * @return a named scorer
	 */
	static Scorer of(String name, Scorer scorer) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A scorer name must not be blank");
		}
		return new Scorer() {

			@Override
			public @Nullable Object score(ScorerArgs args) throws Exception {
				return scorer.score(args);
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public String toString() {
				return "Scorer[" + name + "]";
			}

		};
	}

	/**
	 * Turn what a scorer returned into scores.
	 * @param scorerName the name for a bare number or boolean
	 * @param result what the scorer returned
	 * @return the scores, empty when the scorer skipped the case
	 * @throws IllegalArgumentException when the result is not a valid score (NaN, out of
	 * range, or an unsupported type), with a message naming the scorer
	 */
	static List<Score> normalize(String scorerName, @Nullable Object result) {
		if (result == null) {
			return List.of();
		}
		if (result instanceof Score score) {
			return List.of(score);
		}
		if (result instanceof Number || result instanceof Boolean) {
			return List.of(new Score(scorerName,
					dev.braintrust.spring.logger.LogEvent.validateScore(scorerName, result), java.util.Map.of()));
		}
		if (result instanceof Iterable<?> items) {
			List<Score> scores = new java.util.ArrayList<>();
			for (Object item : items) {
				if (!(item instanceof Score score)) {
					throw new IllegalArgumentException("Scorer '" + scorerName + "' returned a collection holding "
							+ ((item != null) ? item.getClass().getName() : "null")
							+ "; it may hold only Score objects");
				}
				scores.add(score);
			}
			return scores;
		}
		throw new IllegalArgumentException("Scorer '" + scorerName + "' returned " + result.getClass().getName()
				+ "; a scorer returns a number, a boolean, a Score, a collection of Scores, or null");
	}

}

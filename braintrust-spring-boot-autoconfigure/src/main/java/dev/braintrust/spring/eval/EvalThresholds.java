package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.eval.experiment.ScoreSummary;
import org.jspecify.annotations.Nullable;

/**
 * What makes a run pass: a minimum mean per score, and a maximum number of regressions
 * against the base experiment (summed over all scores). A run without thresholds always
 * passes.
 *
 * <pre class="code">
 * EvalThresholds.builder().minScore("exact", 0.8).maxRegressions(0).build();
 * </pre>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EvalThresholds {

	private static final EvalThresholds NONE = new EvalThresholds(Map.of(), null);

	private final Map<String, Double> minScores;

	private final @Nullable Integer maxRegressions;

	private EvalThresholds(Map<String, Double> minScores, @Nullable Integer maxRegressions) {
		this.minScores = Collections.unmodifiableMap(new LinkedHashMap<>(minScores));
		this.maxRegressions = maxRegressions;
	}

	/**
	 * No thresholds.
	 * @return thresholds that always pass
	 */
	public static EvalThresholds none() {
		return NONE;
	}

	/**
	 * A builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The minimum mean of each score.
	 * @return score name to minimum
	 */
	public Map<String, Double> minScores() {
		return this.minScores;
	}

	/**
	 * The maximum number of regressions.
	 * @return the maximum, or null for no limit
	 */
	public @Nullable Integer maxRegressions() {
		return this.maxRegressions;
	}

	/**
	 * Whether there is any threshold.
	 * @return true when empty
	 */
	public boolean isEmpty() {
		return this.minScores.isEmpty() && this.maxRegressions == null;
	}

	/**
	 * These thresholds with others on top: a score minimum or a regression limit set in
	 * {@code overrides} wins.
	 * @param overrides the thresholds that win
	 * @return the combined thresholds
	 */
	public EvalThresholds with(EvalThresholds overrides) {
		Map<String, Double> minScores = new LinkedHashMap<>(this.minScores);
		minScores.putAll(overrides.minScores);
		return new EvalThresholds(minScores,
				(overrides.maxRegressions != null) ? overrides.maxRegressions : this.maxRegressions);
	}

	/**
	 * Check a run's summary.
	 * @param summary the summary
	 * @return the outcome
	 */
	public ThresholdResult check(ExperimentSummary summary) {
		List<String> failures = new ArrayList<>();
		this.minScores.forEach((name, minimum) -> {
			ScoreSummary score = summary.scores().get(name);
			if (score == null) {
				failures
					.add("score '" + name + "' has no value (no scorer produced it), minimum is " + percent(minimum));
			}
			else if (score.score() < minimum) {
				failures.add("score '" + name + "' is " + percent(score.score()) + ", below the minimum of "
						+ percent(minimum));
			}
		});
		if (this.maxRegressions != null) {
			int regressions = summary.scores().values().stream().mapToInt(ScoreSummary::regressions).sum();
			if (regressions > this.maxRegressions) {
				failures.add(regressions + " regression(s) against " + summary.comparisonExperimentName()
						+ ", more than the maximum of " + this.maxRegressions);
			}
		}
		return new ThresholdResult(failures);
	}

	private static String percent(double value) {
		return String.format(Locale.ROOT, "%.2f%%", value * 100);
	}

	@Override
	public String toString() {
		return "EvalThresholds[minScores=" + this.minScores + ", maxRegressions=" + this.maxRegressions + "]";
	}

	/**
	 * Builds {@link EvalThresholds}.
	 */
	public static final class Builder {

		private final Map<String, Double> minScores = new LinkedHashMap<>();

		private @Nullable Integer maxRegressions;

		private Builder() {
		}

		/**
		 * Require a minimum mean for a score.
		 * @param scoreName the score name
		 * @param minimum the minimum, in {@code [0, 1]}
		 * @return this builder
		 */
		public Builder minScore(String scoreName, double minimum) {
			if (Double.isNaN(minimum) || minimum < 0 || minimum > 1) {
				throw new IllegalArgumentException(
						"The minimum of score '" + scoreName + "' must be between 0 and 1, was " + minimum);
			}
			this.minScores.put(scoreName, minimum);
			return this;
		}

		/**
		 * Limit the number of regressions against the base experiment.
		 * @param maxRegressions the maximum, at least 0
		 * @return this builder
		 */
		public Builder maxRegressions(@Nullable Integer maxRegressions) {
			if (maxRegressions != null && maxRegressions < 0) {
				throw new IllegalArgumentException(
						"The maximum number of regressions must be at least 0, was " + maxRegressions);
			}
			this.maxRegressions = maxRegressions;
			return this;
		}

		/**
		 * Build the thresholds.
		 * @return the thresholds
		 */
		public EvalThresholds build() {
			return (this.minScores.isEmpty() && this.maxRegressions == null) ? NONE
					: new EvalThresholds(this.minScores, this.maxRegressions);
		}

	}

}

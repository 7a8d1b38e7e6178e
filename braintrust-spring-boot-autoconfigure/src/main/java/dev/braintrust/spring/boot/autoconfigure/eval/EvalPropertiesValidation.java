package dev.braintrust.spring.boot.autoconfigure.eval;

import java.time.Duration;
import java.util.Map;

import dev.braintrust.spring.boot.autoconfigure.BraintrustConfigurationException;
import dev.braintrust.spring.eval.EvalThresholds;

/**
 * Checks {@link BraintrustEvalProperties} and turns them into eval settings, naming the
 * property at fault when a value is invalid.
 *
 * @author Braintrust
 */
final class EvalPropertiesValidation {

	private EvalPropertiesValidation() {
	}

	static int maxConcurrency(BraintrustEvalProperties properties) {
		if (properties.getMaxConcurrency() < 1) {
			throw new BraintrustConfigurationException(
					"braintrust.eval.max-concurrency is " + properties.getMaxConcurrency() + ".",
					"Set braintrust.eval.max-concurrency to 1 or more.");
		}
		return properties.getMaxConcurrency();
	}

	static Duration progressInterval(BraintrustEvalProperties properties) {
		Duration interval = properties.getProgressInterval();
		if (interval == null || interval.isNegative()) {
			throw new BraintrustConfigurationException("braintrust.eval.progress-interval is " + interval + ".",
					"Set braintrust.eval.progress-interval to a positive duration such as 10s, or 0 to log no progress.");
		}
		return interval;
	}

	static EvalThresholds thresholds(String evalName, BraintrustEvalProperties.Thresholds thresholds) {
		EvalThresholds.Builder builder = EvalThresholds.builder();
		Integer maxRegressions = thresholds.getMaxRegressions();
		if (maxRegressions != null && maxRegressions < 0) {
			throw new BraintrustConfigurationException(
					"braintrust.eval.thresholds." + evalName + ".max-regressions is " + maxRegressions + ".",
					"Set it to 0 or more, or remove it for no limit.");
		}
		builder.maxRegressions(maxRegressions);
		for (Map.Entry<String, Double> minimum : thresholds.getMinScore().entrySet()) {
			Double value = minimum.getValue();
			if (value == null || value.isNaN() || value < 0 || value > 1) {
				throw new BraintrustConfigurationException("braintrust.eval.thresholds." + evalName + ".min-score."
						+ minimum.getKey() + " is " + value + ".",
						"Set it to a number between 0 and 1 (0.8 means a mean score of 80%).");
			}
			builder.minScore(minimum.getKey(), value);
		}
		return builder.build();
	}

}

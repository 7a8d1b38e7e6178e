package dev.braintrust.spring.boot.autoconfigure.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Braintrust evals.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@ConfigurationProperties("braintrust.eval")
public class BraintrustEvalProperties {

	/**
	 * Whether to enable evals: the discovery of @Eval evaluators and the eval runner.
	 */
	private boolean enabled = true;

	/**
	 * Whether to run the selected evals once the application is ready.
	 */
	private boolean runOnStartup;

	/**
	 * Whether to exit once the evals run on startup have finished, with a non-zero status
	 * when one of them failed its thresholds or could not run.
	 */
	private boolean exitAfterRun;

	/**
	 * Names of the evals to run on startup, '*' matching any characters. All evals when
	 * empty.
	 */
	private List<String> include = new ArrayList<>();

	/**
	 * Names of the evals not to run on startup, '*' matching any characters.
	 */
	private List<String> exclude = new ArrayList<>();

	/**
	 * Number of cases that run at the same time, for evals that do not set it.
	 */
	private int maxConcurrency = 4;

	/**
	 * Interval between progress log lines of a running eval. Zero to log no progress.
	 */
	private Duration progressInterval = Duration.ofSeconds(10);

	/**
	 * Thresholds by eval name, overriding those the evals set themselves.
	 */
	private Map<String, Thresholds> thresholds = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRunOnStartup() {
		return this.runOnStartup;
	}

	public void setRunOnStartup(boolean runOnStartup) {
		this.runOnStartup = runOnStartup;
	}

	public boolean isExitAfterRun() {
		return this.exitAfterRun;
	}

	public void setExitAfterRun(boolean exitAfterRun) {
		this.exitAfterRun = exitAfterRun;
	}

	public List<String> getInclude() {
		return this.include;
	}

	public void setInclude(List<String> include) {
		this.include = include;
	}

	public List<String> getExclude() {
		return this.exclude;
	}

	public void setExclude(List<String> exclude) {
		this.exclude = exclude;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public void setMaxConcurrency(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
	}

	public Map<String, Thresholds> getThresholds() {
		return this.thresholds;
	}

	public void setThresholds(Map<String, Thresholds> thresholds) {
		this.thresholds = thresholds;
	}

	/**
	 * Thresholds of one eval.
	 */
	public static class Thresholds {

		/**
		 * Minimum mean of each score, between 0 and 1, by score name.
		 */
		private Map<String, Double> minScore = new LinkedHashMap<>();

		/**
		 * Maximum number of regressions against the base experiment, summed over all
		 * scores.
		 */
		private @Nullable Integer maxRegressions;

		public Map<String, Double> getMinScore() {
			return this.minScore;
		}

		public void setMinScore(Map<String, Double> minScore) {
			this.minScore = minScore;
		}

		public @Nullable Integer getMaxRegressions() {
			return this.maxRegressions;
		}

		public void setMaxRegressions(@Nullable Integer maxRegressions) {
			this.maxRegressions = maxRegressions;
		}

	}

}

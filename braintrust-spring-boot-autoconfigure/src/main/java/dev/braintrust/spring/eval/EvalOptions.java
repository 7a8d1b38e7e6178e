package dev.braintrust.spring.eval;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The options of an eval, as the arguments of the SDKs' {@code Eval()}: where its
 * experiments go, how cases run, what they are compared with and what makes a run pass.
 * Options that are not set take their defaults when the eval runs.
 *
 * <pre class="code">
 * EvalOptions.builder()
 *     .trialCount(3)
 *     .maxConcurrency(8)
 *     .timeout(Duration.ofSeconds(30))
 *     .metadata("model", "gpt-4o-mini")
 *     .thresholds(EvalThresholds.builder().minScore("exact", 0.8).build())
 *     .build();
 * </pre>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EvalOptions {

	private static final EvalOptions DEFAULTS = new Builder().build();

	private final @Nullable String project;

	private final @Nullable String projectId;

	private final @Nullable String experimentName;

	private final @Nullable String description;

	private final @Nullable Integer trialCount;

	private final @Nullable Integer maxConcurrency;

	private final @Nullable Duration timeout;

	private final Map<String, @Nullable Object> metadata;

	private final Set<String> tags;

	private final @Nullable String baseExperimentName;

	private final @Nullable String baseExperimentId;

	private final Map<String, @Nullable Object> parameters;

	private final @Nullable ErrorScoreHandler errorScoreHandler;

	private final @Nullable Boolean summarizeScores;

	private final EvalThresholds thresholds;

	private final @Nullable Map<String, @Nullable Object> repoInfo;

	private final @Nullable Boolean collectGitMetadata;

	private EvalOptions(Builder builder) {
		this.project = builder.project;
		this.projectId = builder.projectId;
		this.experimentName = builder.experimentName;
		this.description = builder.description;
		this.trialCount = builder.trialCount;
		this.maxConcurrency = builder.maxConcurrency;
		this.timeout = builder.timeout;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
		this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
		this.baseExperimentName = builder.baseExperimentName;
		this.baseExperimentId = builder.baseExperimentId;
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
		this.errorScoreHandler = builder.errorScoreHandler;
		this.summarizeScores = builder.summarizeScores;
		this.thresholds = builder.thresholds;
		this.repoInfo = (builder.repoInfo != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(builder.repoInfo))
				: null;
		this.collectGitMetadata = builder.collectGitMetadata;
	}

	/**
	 * Options with nothing set.
	 * @return the default options
	 */
	public static EvalOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * A builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder holding these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.project = this.project;
		builder.projectId = this.projectId;
		builder.experimentName = this.experimentName;
		builder.description = this.description;
		builder.trialCount = this.trialCount;
		builder.maxConcurrency = this.maxConcurrency;
		builder.timeout = this.timeout;
		builder.metadata.putAll(this.metadata);
		builder.tags.addAll(this.tags);
		builder.baseExperimentName = this.baseExperimentName;
		builder.baseExperimentId = this.baseExperimentId;
		builder.parameters.putAll(this.parameters);
		builder.errorScoreHandler = this.errorScoreHandler;
		builder.summarizeScores = this.summarizeScores;
		builder.thresholds = this.thresholds;
		builder.repoInfo = (this.repoInfo != null) ? new LinkedHashMap<>(this.repoInfo) : null;
		builder.collectGitMetadata = this.collectGitMetadata;
		return builder;
	}

	/**
	 * These options with others on top: every option set in {@code overrides} wins;
	 * metadata, parameters and score thresholds are merged key by key, tags are added.
	 * @param overrides the options that win
	 * @return the combined options
	 */
	public EvalOptions with(EvalOptions overrides) {
		Builder builder = toBuilder();
		builder.project = pick(overrides.project, this.project);
		builder.projectId = pick(overrides.projectId, this.projectId);
		builder.experimentName = pick(overrides.experimentName, this.experimentName);
		builder.description = pick(overrides.description, this.description);
		builder.trialCount = pick(overrides.trialCount, this.trialCount);
		builder.maxConcurrency = pick(overrides.maxConcurrency, this.maxConcurrency);
		builder.timeout = pick(overrides.timeout, this.timeout);
		builder.metadata.putAll(overrides.metadata);
		builder.tags.addAll(overrides.tags);
		builder.baseExperimentName = pick(overrides.baseExperimentName, this.baseExperimentName);
		builder.baseExperimentId = pick(overrides.baseExperimentId, this.baseExperimentId);
		builder.parameters.putAll(overrides.parameters);
		builder.errorScoreHandler = pick(overrides.errorScoreHandler, this.errorScoreHandler);
		builder.summarizeScores = pick(overrides.summarizeScores, this.summarizeScores);
		builder.thresholds = this.thresholds.with(overrides.thresholds);
		builder.repoInfo = pick(overrides.repoInfo, this.repoInfo);
		builder.collectGitMetadata = pick(overrides.collectGitMetadata, this.collectGitMetadata);
		return builder.build();
	}

	private static <T> @Nullable T pick(@Nullable T override, @Nullable T value) {
		return (override != null) ? override : value;
	}

	/**
	 * The Braintrust project of the experiments.
	 * @return the project, or null for the eval's name
	 */
	public @Nullable String project() {
		return this.project;
	}

	/**
	 * The Braintrust project id, which takes precedence over the name in Braintrust.
	 * @return the project id or null
	 */
	public @Nullable String projectId() {
		return this.projectId;
	}

	/**
	 * The experiment name.
	 * @return the name, or null for a generated one
	 */
	public @Nullable String experimentName() {
		return this.experimentName;
	}

	/**
	 * The experiment's description.
	 * @return the description or null
	 */
	public @Nullable String description() {
		return this.description;
	}

	/**
	 * How many times each case runs.
	 * @return the trial count, 1 unless set
	 */
	public int trialCount() {
		return (this.trialCount != null) ? this.trialCount : 1;
	}

	/**
	 * How many cases run at the same time.
	 * @return the concurrency, or null for the runner's default
	 */
	public @Nullable Integer maxConcurrency() {
		return this.maxConcurrency;
	}

	/**
	 * How long one case's task may run.
	 * @return the timeout, or null for none
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * The experiment's metadata.
	 * @return the metadata
	 */
	public Map<String, @Nullable Object> metadata() {
		return this.metadata;
	}

	/**
	 * The experiment's tags.
	 * @return the tags
	 */
	public Set<String> tags() {
		return this.tags;
	}

	/**
	 * The name of the experiment to compare with.
	 * @return the name, or null
	 */
	public @Nullable String baseExperimentName() {
		return this.baseExperimentName;
	}

	/**
	 * The id of the experiment to compare with; takes precedence over the name.
	 * @return the id, or null
	 */
	public @Nullable String baseExperimentId() {
		return this.baseExperimentId;
	}

	/**
	 * The run's parameters.
	 * @return the parameters
	 */
	public EvalParameters parameters() {
		return EvalParameters.of(this.parameters);
	}

	/**
	 * The handler that scores failed scorers.
	 * @return the handler, or null for none
	 */
	public @Nullable ErrorScoreHandler errorScoreHandler() {
		return this.errorScoreHandler;
	}

	/**
	 * Whether to summarize the experiment against its base once it has run.
	 * @return true unless turned off
	 */
	public boolean summarizeScores() {
		return (this.summarizeScores == null) || this.summarizeScores;
	}

	/**
	 * What makes a run pass.
	 * @return the thresholds
	 */
	public EvalThresholds thresholds() {
		return this.thresholds;
	}

	/**
	 * The git information to record on the experiment.
	 * @return the repo info, or null to read it from the working directory's git
	 * repository
	 */
	public @Nullable Map<String, @Nullable Object> repoInfo() {
		return this.repoInfo;
	}

	/**
	 * Whether to read git information from the working directory when no repo info is
	 * given.
	 * @return true unless turned off
	 */
	public boolean collectGitMetadata() {
		return (this.collectGitMetadata == null) || this.collectGitMetadata;
	}

	/**
	 * Builds {@link EvalOptions}.
	 */
	public static final class Builder {

		private @Nullable String project;

		private @Nullable String projectId;

		private @Nullable String experimentName;

		private @Nullable String description;

		private @Nullable Integer trialCount;

		private @Nullable Integer maxConcurrency;

		private @Nullable Duration timeout;

		private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

		private final Set<String> tags = new LinkedHashSet<>();

		private @Nullable String baseExperimentName;

		private @Nullable String baseExperimentId;

		private final Map<String, @Nullable Object> parameters = new LinkedHashMap<>();

		private @Nullable ErrorScoreHandler errorScoreHandler;

		private @Nullable Boolean summarizeScores;

		private EvalThresholds thresholds = EvalThresholds.none();

		private @Nullable Map<String, @Nullable Object> repoInfo;

		private @Nullable Boolean collectGitMetadata;

		private Builder() {
		}

		/**
		 * Set the Braintrust project; defaults to the eval's name.
		 * @param project the project name
		 * @return this builder
		 */
		public Builder project(@Nullable String project) {
			this.project = blankToNull(project);
			return this;
		}

		/**
		 * Set the Braintrust project id.
		 * @param projectId the project id
		 * @return this builder
		 */
		public Builder projectId(@Nullable String projectId) {
			this.projectId = blankToNull(projectId);
			return this;
		}

		/**
		 * Set the experiment name; generated when not set.
		 * @param experimentName the name
		 * @return this builder
		 */
		public Builder experimentName(@Nullable String experimentName) {
			this.experimentName = blankToNull(experimentName);
			return this;
		}

		/**
		 * Set the experiment's description.
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(@Nullable String description) {
			this.description = blankToNull(description);
			return this;
		}

		/**
		 * Set how many times each case runs.
		 * @param trialCount at least 1
		 * @return this builder
		 */
		public Builder trialCount(int trialCount) {
			if (trialCount < 1) {
				throw new IllegalArgumentException("trialCount must be at least 1, was " + trialCount);
			}
			this.trialCount = trialCount;
			return this;
		}

		/**
		 * Set how many cases run at the same time.
		 * @param maxConcurrency at least 1
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			if (maxConcurrency < 1) {
				throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
			}
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * Set how long one case's task may run before it is cancelled and recorded as a
		 * timeout.
		 * @param timeout a positive duration, or null for no limit
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Add an experiment metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, @Nullable Object value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Add experiment metadata entries.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder metadata(Map<String, ?> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Add experiment tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(Collection<String> tags) {
			this.tags.addAll(tags);
			return this;
		}

		/**
		 * Add experiment tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			return tags(List.of(tags));
		}

		/**
		 * Compare with the latest experiment of this name.
		 * @param name the experiment name
		 * @return this builder
		 */
		public Builder baseExperimentName(@Nullable String name) {
			this.baseExperimentName = blankToNull(name);
			return this;
		}

		/**
		 * Compare with the experiment of this id.
		 * @param id the experiment id
		 * @return this builder
		 */
		public Builder baseExperimentId(@Nullable String id) {
			this.baseExperimentId = blankToNull(id);
			return this;
		}

		/**
		 * Add a parameter.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder parameter(String name, @Nullable Object value) {
			this.parameters.put(name, value);
			return this;
		}

		/**
		 * Add parameters.
		 * @param parameters the parameters
		 * @return this builder
		 */
		public Builder parameters(Map<String, ?> parameters) {
			this.parameters.putAll(parameters);
			return this;
		}

		/**
		 * Set the handler that scores scorers that failed or did not run.
		 * @param errorScoreHandler the handler, such as {@link ErrorScoreHandler#zero()}
		 * @return this builder
		 */
		public Builder errorScoreHandler(@Nullable ErrorScoreHandler errorScoreHandler) {
			this.errorScoreHandler = errorScoreHandler;
			return this;
		}

		/**
		 * Set whether to summarize the experiment against its base once it has run.
		 * @param summarizeScores false to skip the comparison
		 * @return this builder
		 */
		public Builder summarizeScores(boolean summarizeScores) {
			this.summarizeScores = summarizeScores;
			return this;
		}

		/**
		 * Set what makes a run pass.
		 * @param thresholds the thresholds
		 * @return this builder
		 */
		public Builder thresholds(EvalThresholds thresholds) {
			this.thresholds = thresholds;
			return this;
		}

		/**
		 * Set the git information recorded on the experiment ({@code commit},
		 * {@code branch}, {@code tag}, {@code dirty}, {@code author_name}, ...).
		 * @param repoInfo the repo info
		 * @return this builder
		 */
		public Builder repoInfo(@Nullable Map<String, ?> repoInfo) {
			this.repoInfo = (repoInfo != null) ? new LinkedHashMap<>(repoInfo) : null;
			return this;
		}

		/**
		 * Set whether to read git information from the working directory.
		 * @param collectGitMetadata false to record none
		 * @return this builder
		 */
		public Builder collectGitMetadata(boolean collectGitMetadata) {
			this.collectGitMetadata = collectGitMetadata;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public EvalOptions build() {
			return new EvalOptions(this);
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value != null && !value.isBlank()) ? value.trim() : null;
		}

	}

}

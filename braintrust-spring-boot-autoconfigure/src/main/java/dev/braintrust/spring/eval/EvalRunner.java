package dev.braintrust.spring.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.braintrust.spring.eval.EvalRun.NamedScorer;
import dev.braintrust.spring.eval.dataset.Datasets;
import dev.braintrust.spring.eval.dataset.LocalDatasets;
import dev.braintrust.spring.eval.experiment.CaseRecord;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentInfo;
import dev.braintrust.spring.eval.experiment.ExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.eval.experiment.InMemoryExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.LocalExperimentCatalog;
import dev.braintrust.spring.eval.experiment.LocalExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.SummaryRequest;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.store.LocalStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs evals as Braintrust experiments (the SDKs' {@code Eval()}): reads the cases, runs
 * each case and trial with bounded concurrency, writes the {@code eval}, {@code task} and
 * {@code score} spans to a new experiment, summarizes it against a base experiment,
 * checks the thresholds, logs the summary and returns everything.
 * <p>
 * A case whose task throws or passes its timeout is recorded as failed; a scorer that
 * throws (or returns an invalid score) is recorded in the eval span's
 * {@code metadata.scorer_errors} while the other scorers still run. Neither stops the
 * run. Only an eval that cannot start (unknown, or its data unreadable) throws an
 * {@link EvalException}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EvalRunner {

	/** Default number of cases that run at the same time. */
	public static final int DEFAULT_MAX_CONCURRENCY = 4;

	/** Default interval between progress log lines. */
	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(EvalRunner.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter NAME_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

	private static final int ERRORS_SHOWN = 5;

	private final BraintrustLogger braintrustLogger;

	private final EvalRegistry registry;

	private final @Nullable ExperimentSummarizer summarizer;

	private final @Nullable ExperimentCatalog catalog;

	private final @Nullable Datasets datasets;

	private final @Nullable LocalStore localStore;

	private final int defaultMaxConcurrency;

	private final Duration progressInterval;

	private final Map<String, EvalThresholds> thresholds;

	private final EvalListeners listeners;

	private final ClassLoader classLoader;

	private final Supplier<@Nullable Map<String, Object>> repoInfo;

	private EvalRunner(Builder builder) {
		this.braintrustLogger = builder.logger;
		this.registry = builder.registry;
		this.localStore = builder.localStore;
		ExperimentCatalog catalog = builder.catalog;
		if (catalog == null && builder.localStore != null) {
			catalog = new LocalExperimentCatalog(builder.localStore);
		}
		this.catalog = catalog;
		ExperimentSummarizer summarizer = builder.summarizer;
		if (summarizer == null && builder.localStore != null && catalog != null) {
			summarizer = new LocalExperimentSummarizer(builder.localStore, catalog);
		}
		this.summarizer = summarizer;
		Datasets datasets = builder.datasets;
		if (datasets == null && builder.localStore != null) {
			datasets = new LocalDatasets(builder.logger, builder.localStore, builder.logger.target().projectName());
		}
		this.datasets = datasets;
		this.defaultMaxConcurrency = builder.defaultMaxConcurrency;
		this.progressInterval = builder.progressInterval;
		this.thresholds = new LinkedHashMap<>(builder.thresholds);
		this.listeners = new EvalListeners(builder.listeners);
		this.classLoader = builder.classLoader;
		Path workingDirectory = builder.workingDirectory;
		this.repoInfo = new Supplier<>() {

			private volatile boolean detected;

			private volatile @Nullable Map<String, Object> info;

			@Override
			public @Nullable Map<String, Object> get() {
				if (!this.detected) {
					this.info = GitRepoInfo.detect(workingDirectory);
					this.detected = true;
				}
				return this.info;
			}

		};
	}

	/**
	 * A builder.
	 * @param logger the logger whose pipeline writes the experiments
	 * @return a new builder
	 */
	public static Builder builder(BraintrustLogger logger) {
		return new Builder(logger);
	}

	/**
	 * The registry of evals this runner runs by name.
	 * @return the registry
	 */
	public EvalRegistry registry() {
		return this.registry;
	}

	/**
	 * Run a registered eval.
	 * @param name the eval's name
	 * @return the result
	 * @throws EvalException when the eval is unknown or cannot start
	 */
	public EvalResult run(String name) {
		return run(name, EvalOptions.defaults());
	}

	/**
	 * Run a registered eval with some options changed, such as the experiment name.
	 * @param name the eval's name
	 * @param overrides options that win over the eval's own
	 * @return the result
	 * @throws EvalException when the eval is unknown or cannot start
	 */
	public EvalResult run(String name, EvalOptions overrides) {
		RegisteredEval eval = this.registry.get(name);
		return execute(name, eval.definition(), eval.optionOverrides().with(overrides));
	}

	/**
	 * Run an eval that is not registered.
	 * @param name the eval's name
	 * @param definition the eval
	 * @return the result
	 * @throws EvalException when the eval cannot start
	 */
	public EvalResult run(String name, EvalDefinition<?, ?> definition) {
		return execute(name, definition, EvalOptions.defaults());
	}

	/**
	 * Run an eval that is not registered, with some options changed.
	 * @param name the eval's name
	 * @param definition the eval
	 * @param overrides options that win over the definition's own
	 * @return the result
	 * @throws EvalException when the eval cannot start
	 */
	public EvalResult run(String name, EvalDefinition<?, ?> definition, EvalOptions overrides) {
		return execute(name, definition, overrides);
	}

	/**
	 * Run every registered eval, one after the other.
	 * @return the results, in registry order
	 * @throws EvalException when an eval cannot start
	 */
	public List<EvalResult> runAll() {
		List<EvalResult> results = new ArrayList<>();
		for (String name : this.registry.names()) {
			results.add(run(name));
		}
		return results;
	}

	private <I, O> EvalResult execute(String evalName, EvalDefinition<I, O> definition, EvalOptions overrides) {
		long startNanos = System.nanoTime();
		EvalOptions options = definition.options().with(overrides);
		EvalThresholds configured = this.thresholds.get(evalName);
		if (configured != null) {
			options = options.with(EvalOptions.builder().thresholds(configured).build());
		}
		String project = (options.project() != null) ? options.project() : evalName;
		List<ExperimentInfo> earlier = earlierExperiments(evalName, project);
		ExperimentInfo base = resolveBase(evalName, project, options, earlier);
		LoadedEvalData<I, O> data = load(evalName, definition, project, options, base);
		String experimentName = experimentName(evalName, options, earlier);
		ObjectRef experiment = ObjectRef.newExperiment(project, options.projectId(), experimentName,
				createOptions(options, base, data));
		if (this.localStore != null) {
			this.localStore.register(experiment);
		}
		BraintrustLogger experimentLogger = this.braintrustLogger.forObject(experiment);
		int maxConcurrency = (options.maxConcurrency() != null) ? options.maxConcurrency() : this.defaultMaxConcurrency;
		int total = data.cases().size() * options.trialCount();
		long droppedBefore = this.braintrustLogger.stats().dropped();
		if (logger.isInfoEnabled()) {
			logger.info("Eval '" + evalName + "': running " + data.cases().size() + " case(s) x " + options.trialCount()
					+ " trial(s) with concurrency " + maxConcurrency + " as experiment '" + experimentName
					+ "' of project '" + project + "'" + ((base != null) ? ", compared to '" + base.name() + "'" : ""));
		}
		this.listeners.runStarted(evalName, experimentName, total);
		EvalRun<I, O> run = new EvalRun<>(logger, evalName, definition, options, data.cases(), namedScorers(definition),
				experimentLogger, maxConcurrency, this.progressInterval, this.listeners);
		List<EvalCaseResult> results = run.execute();
		if (!this.braintrustLogger.flush()) {
			logger.warn("Eval '" + evalName + "': not every row was written before the export timeout; "
					+ "the summary may miss some cases");
		}
		long dropped = this.braintrustLogger.stats().dropped() - droppedBefore;
		if (dropped > 0) {
			logger.warn("Eval '" + evalName + "': " + dropped + " row(s) were dropped while it ran; raise "
					+ "braintrust.logger.async.max-queue-size or lower the eval's concurrency");
		}
		String location = (this.localStore != null) ? this.localStore.rowsFile(experiment).toString()
				: run.firstPermalink();
		ExperimentSummary summary = summarize(evalName, experiment, options, base, results, location);
		ThresholdResult outcome = options.thresholds().check(summary);
		EvalResult result = new EvalResult(evalName, experiment,
				(summary.experimentUrl() != null) ? summary.experimentUrl() : location, summary, outcome, results,
				data.datasetId(), data.datasetVersion(), Duration.ofNanos(System.nanoTime() - startNanos));
		report(result, options.thresholds());
		this.listeners.runCompleted(result);
		return result;
	}

	private <I, O> LoadedEvalData<I, O> load(String evalName, EvalDefinition<I, O> definition, String project,
			EvalOptions options, @Nullable ExperimentInfo base) {
		EvalData<I, O> data = definition.data();
		if (data == null) {
			throw new EvalException("Eval '" + evalName + "' has no data");
		}
		try {
			LoadedEvalData<I, O> loaded = data.load(new Context(evalName, project, options.projectId(), base));
			if (loaded == null) {
				throw new EvalException("The data of eval '" + evalName + "' (" + data + ") returned nothing");
			}
			return loaded;
		}
		catch (EvalException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new EvalException(
					"Could not read the cases of eval '" + evalName + "' from " + data + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The project's earlier experiments, oldest first, read once per run for the base
	 * experiment and the experiment name.
	 * @return the experiments, or null without a catalog or when it cannot be read
	 */
	private @Nullable List<ExperimentInfo> earlierExperiments(String evalName, String project) {
		if (this.catalog == null) {
			return null;
		}
		try {
			return this.catalog.list(project);
		}
		catch (RuntimeException ex) {
			logger.warn("Eval '" + evalName + "': could not list the experiments of project '" + project + "' ("
					+ ex.getMessage() + "); running without a comparison");
			return null;
		}
	}

	private static @Nullable ExperimentInfo resolveBase(String evalName, String project, EvalOptions options,
			@Nullable List<ExperimentInfo> earlier) {
		String baseId = options.baseExperimentId();
		String baseName = options.baseExperimentName();
		if (earlier == null) {
			// without a catalog only an explicit id can be passed on (as base_exp_id)
			return (baseId != null) ? new ExperimentInfo(baseId, baseId, project, null, null) : null;
		}
		ExperimentInfo base;
		if (baseId != null) {
			base = latest(earlier, (experiment) -> experiment.id().equals(baseId));
		}
		else if (baseName != null) {
			base = latest(earlier, (experiment) -> experiment.name().equals(baseName));
		}
		else {
			// the previous experiment of the same eval: the latest whose name this eval
			// would
			// give, else the latest of the project (Braintrust's own fallback)
			String configuredName = options.experimentName();
			base = latest(earlier, (experiment) -> experiment.name().startsWith(evalName + "-")
					|| experiment.name().equals(configuredName));
			return (base != null) ? base : latest(earlier, (experiment) -> true);
		}
		if (base == null) {
			logger.warn("Eval '" + evalName + "': base experiment "
					+ ((baseId != null) ? "id " + baseId : "'" + baseName + "'") + " was not found in project '"
					+ project + "'; running without a comparison");
		}
		return base;
	}

	private static @Nullable ExperimentInfo latest(List<ExperimentInfo> experiments,
			Predicate<ExperimentInfo> matching) {
		for (int i = experiments.size() - 1; i >= 0; i--) {
			if (matching.test(experiments.get(i))) {
				return experiments.get(i);
			}
		}
		return null;
	}

	private static String experimentName(String evalName, EvalOptions options, @Nullable List<ExperimentInfo> earlier) {
		if (options.experimentName() != null) {
			return options.experimentName();
		}
		String name = evalName + "-" + LocalDateTime.now().format(NAME_TIMESTAMP);
		if (earlier == null) {
			return name;
		}
		Set<String> taken = new HashSet<>();
		earlier.forEach((experiment) -> taken.add(experiment.name()));
		String unique = name;
		for (int i = 2; taken.contains(unique); i++) {
			unique = name + "-" + i;
		}
		return unique;
	}

	private ObjectNode createOptions(EvalOptions options, @Nullable ExperimentInfo base, LoadedEvalData<?, ?> data) {
		ObjectNode create = JsonNodeFactory.instance.objectNode();
		if (options.description() != null) {
			create.put("description", options.description());
		}
		if (base != null) {
			create.put("base_exp_id", base.id());
		}
		if (data.datasetId() != null) {
			create.put("dataset_id", data.datasetId());
			if (data.datasetVersion() != null) {
				create.put("dataset_version", data.datasetVersion());
			}
		}
		Map<String, @Nullable Object> metadata = new LinkedHashMap<>(options.metadata());
		if (!options.parameters().isEmpty()) {
			metadata.put("parameters", options.parameters().asMap());
		}
		if (!metadata.isEmpty()) {
			create.set("metadata", this.braintrustLogger.valueCapture().capture(metadata));
		}
		if (!options.tags().isEmpty()) {
			ArrayNode tags = create.putArray("tags");
			options.tags().forEach(tags::add);
		}
		Map<String, ?> repoInfo = (options.repoInfo() != null) ? options.repoInfo()
				: (options.collectGitMetadata() ? this.repoInfo.get() : null);
		if (repoInfo != null && !repoInfo.isEmpty()) {
			create.set("repo_info", this.braintrustLogger.valueCapture().capture(repoInfo));
		}
		return create;
	}

	/**
	 * The names a run of the definition records its scorers' scores under: the scorer's
	 * own name, made unique, or {@code scorer_<index>} for an unnamed scorer.
	 * @param definition the eval definition
	 * @return the names, in the scorers' order
	 */
	public static List<String> scorerNames(EvalDefinition<?, ?> definition) {
		return namedScorers(definition).stream().map(NamedScorer::name).toList();
	}

	private static List<NamedScorer> namedScorers(EvalDefinition<?, ?> definition) {
		List<Scorer> scorers = definition.scorers();
		List<NamedScorer> named = new ArrayList<>();
		if (scorers == null) {
			return named;
		}
		Set<String> used = new HashSet<>();
		for (int i = 0; i < scorers.size(); i++) {
			Scorer scorer = scorers.get(i);
			String name = scorer.name();
			if (name == null || name.isBlank() || ("scorer".equals(name) && isUnnamed(scorer))) {
				name = "scorer_" + i;
			}
			if (!used.add(name)) {
				name = name + "_" + i;
				used.add(name);
			}
			named.add(new NamedScorer(name, scorer));
		}
		return named;
	}

	private static boolean isUnnamed(Scorer scorer) {
		Class<?> type = scorer.getClass();
		return type.isSynthetic() || type.isAnonymousClass() || type.isHidden()
				|| type.getSimpleName().contains("$$Lambda");
	}

	private ExperimentSummary summarize(String evalName, ObjectRef experiment, EvalOptions options,
			@Nullable ExperimentInfo base, List<EvalCaseResult> results, @Nullable String location) {
		List<CaseRecord> records = results.stream().map(this::toRecord).toList();
		SummaryRequest request = new SummaryRequest(experiment, options.summarizeScores() ? base : null, records,
				location);
		if (this.summarizer != null) {
			try {
				return this.summarizer.summarize(request);
			}
			catch (RuntimeException ex) {
				logger.warn("Eval '" + evalName + "': could not summarize the experiment (" + ex.getMessage()
						+ "); the summary covers this run only", ex);
			}
		}
		ExperimentCatalog catalog = options.summarizeScores() ? this.catalog : null;
		try {
			return new InMemoryExperimentSummarizer(catalog).summarize(request);
		}
		catch (RuntimeException ex) {
			return new InMemoryExperimentSummarizer(null).summarize(request);
		}
	}

	private CaseRecord toRecord(EvalCaseResult result) {
		JsonNode input = this.braintrustLogger.valueCapture().capture(result.input());
		return new CaseRecord(input, result.scores(), result.duration().toNanos() / 1e9, 0, 0, 0, 0, result.failed());
	}

	private void report(EvalResult result, EvalThresholds thresholds) {
		StringBuilder text = new StringBuilder(result.summary().toString());
		long errors = result.errorCount();
		if (errors > 0) {
			text.append("\n\n")
				.append(errors)
				.append(" of ")
				.append(result.cases().size())
				.append(" case(s) of eval '")
				.append(result.evalName())
				.append("' failed:");
			result.cases()
				.stream()
				.filter(EvalCaseResult::failed)
				.limit(ERRORS_SHOWN)
				.forEach((failed) -> text.append("\n  case ")
					.append(failed.caseIndex())
					.append(" (trial ")
					.append(failed.trialIndex())
					.append("): ")
					.append(describe(failed.error())));
			if (errors > ERRORS_SHOWN) {
				text.append("\n  ... and ").append(errors - ERRORS_SHOWN).append(" more");
			}
		}
		Map<String, List<String>> scorerErrors = new LinkedHashMap<>();
		result.cases()
			.forEach((caseResult) -> caseResult.scorerErrors()
				.forEach((scorer, error) -> scorerErrors.computeIfAbsent(scorer, (key) -> new ArrayList<>())
					.add(error)));
		scorerErrors.forEach((scorer, failures) -> text.append("\n\nScorer '")
			.append(scorer)
			.append("' failed on ")
			.append(failures.size())
			.append(" case(s): ")
			.append(firstLine(failures.get(0))));
		if (!thresholds.isEmpty()) {
			if (result.passed()) {
				text.append("\n\nThresholds of eval '").append(result.evalName()).append("' passed");
			}
			else {
				text.append("\n\nThresholds of eval '").append(result.evalName()).append("' FAILED:");
				result.thresholds().failures().forEach((failure) -> text.append("\n  - ").append(failure));
			}
		}
		if (result.passed()) {
			logger.info(text);
		}
		else {
			logger.warn(text);
		}
	}

	private static String describe(@Nullable Throwable error) {
		if (error == null) {
			return "";
		}
		return firstLine(error.getClass().getName() + ((error.getMessage() != null) ? ": " + error.getMessage() : ""));
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline >= 0) ? text.substring(0, newline) : text;
	}

	/** What the data of one run may use. */
	private final class Context implements EvalDataContext {

		private final String evalName;

		private final String projectName;

		private final @Nullable String projectId;

		private final @Nullable ExperimentInfo base;

		Context(String evalName, String projectName, @Nullable String projectId, @Nullable ExperimentInfo base) {
			this.evalName = evalName;
			this.projectName = projectName;
			this.projectId = projectId;
			this.base = base;
		}

		@Override
		public String evalName() {
			return this.evalName;
		}

		@Override
		public String projectName() {
			return this.projectName;
		}

		@Override
		public @Nullable String projectId() {
			return this.projectId;
		}

		@Override
		public Datasets datasets() {
			Datasets available = EvalRunner.this.datasets;
			if (available == null) {
				throw new IllegalStateException("Eval '" + this.evalName + "' reads a dataset, but no dataset backend "
						+ "is available: run with the local store (braintrust.mode=local) or with Braintrust "
						+ "(braintrust.api-key), or define a Datasets bean");
			}
			return available;
		}

		@Override
		public ExperimentCatalog experiments() {
			ExperimentCatalog available = EvalRunner.this.catalog;
			if (available == null) {
				throw new IllegalStateException("Eval '" + this.evalName + "' reads an earlier experiment, but no "
						+ "experiment catalog is available: run with the local store (braintrust.mode=local) or with "
						+ "Braintrust (braintrust.api-key), or define an ExperimentCatalog bean");
			}
			return available;
		}

		@Override
		public @Nullable ExperimentInfo baseExperiment() {
			return this.base;
		}

		@Override
		public ClassLoader classLoader() {
			return EvalRunner.this.classLoader;
		}

		@Override
		public <T> @Nullable T convert(JsonNode value, Class<T> type) {
			if (value == null || value.isNull() || value.isMissingNode()) {
				return null;
			}
			if (JsonNode.class.isAssignableFrom(type) && type.isInstance(value)) {
				return type.cast(value);
			}
			try {
				return JSON.treeToValue(value, type);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
			}
		}

	}

	/**
	 * Builds an {@link EvalRunner}.
	 */
	public static final class Builder {

		private final BraintrustLogger logger;

		private EvalRegistry registry = new EvalRegistry(List.of());

		private @Nullable ExperimentSummarizer summarizer;

		private @Nullable ExperimentCatalog catalog;

		private @Nullable Datasets datasets;

		private @Nullable LocalStore localStore;

		private int defaultMaxConcurrency = DEFAULT_MAX_CONCURRENCY;

		private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

		private final Map<String, EvalThresholds> thresholds = new LinkedHashMap<>();

		private final List<EvalListener> listeners = new ArrayList<>();

		private ClassLoader classLoader;

		private Path workingDirectory = Path.of("");

		private Builder(BraintrustLogger logger) {
			if (logger == null) {
				throw new IllegalArgumentException("'logger' must not be null");
			}
			this.logger = logger;
			ClassLoader context = Thread.currentThread().getContextClassLoader();
			this.classLoader = (context != null) ? context : EvalRunner.class.getClassLoader();
		}

		/**
		 * Set the registry of evals run by name.
		 * @param registry the registry
		 * @return this builder
		 */
		public Builder registry(EvalRegistry registry) {
			this.registry = registry;
			return this;
		}

		/**
		 * Set the summarizer. Defaults to the local store's when a store is set, else
		 * summaries are computed from the run itself.
		 * @param summarizer the summarizer, or null
		 * @return this builder
		 */
		public Builder summarizer(@Nullable ExperimentSummarizer summarizer) {
			this.summarizer = summarizer;
			return this;
		}

		/**
		 * Set the catalog of earlier experiments, for base experiments and experiment
		 * data. Defaults to the local store's when a store is set.
		 * @param catalog the catalog, or null
		 * @return this builder
		 */
		public Builder catalog(@Nullable ExperimentCatalog catalog) {
			this.catalog = catalog;
			return this;
		}

		/**
		 * Set the datasets evals read. Defaults to the local store's when a store is set.
		 * @param datasets the datasets, or null
		 * @return this builder
		 */
		public Builder datasets(@Nullable Datasets datasets) {
			this.datasets = datasets;
			return this;
		}

		/**
		 * Set the local store the logger writes to, so experiments are registered in it
		 * and located by their file.
		 * @param localStore the store, or null in remote mode
		 * @return this builder
		 */
		public Builder localStore(@Nullable LocalStore localStore) {
			this.localStore = localStore;
			return this;
		}

		/**
		 * Set how many cases run at the same time when an eval does not say.
		 * @param defaultMaxConcurrency at least 1
		 * @return this builder
		 */
		public Builder defaultMaxConcurrency(int defaultMaxConcurrency) {
			if (defaultMaxConcurrency < 1) {
				throw new IllegalArgumentException(
						"defaultMaxConcurrency must be at least 1, was " + defaultMaxConcurrency);
			}
			this.defaultMaxConcurrency = defaultMaxConcurrency;
			return this;
		}

		/**
		 * Set the interval between progress log lines.
		 * @param progressInterval the interval; zero turns progress logging off
		 * @return this builder
		 */
		public Builder progressInterval(Duration progressInterval) {
			if (progressInterval == null || progressInterval.isNegative()) {
				throw new IllegalArgumentException("progressInterval must not be negative, was " + progressInterval);
			}
			this.progressInterval = progressInterval;
			return this;
		}

		/**
		 * Set thresholds for an eval, overriding its own thresholds key by key.
		 * @param evalName the eval
		 * @param thresholds the thresholds
		 * @return this builder
		 */
		public Builder thresholds(String evalName, EvalThresholds thresholds) {
			this.thresholds.put(evalName, thresholds);
			return this;
		}

		/**
		 * Add a listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(EvalListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Set the class loader that classpath data is read with.
		 * @param classLoader the class loader
		 * @return this builder
		 */
		public Builder classLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Set the directory whose git repository is recorded on experiments.
		 * @param workingDirectory the directory, the process's working directory by
		 * default
		 * @return this builder
		 */
		public Builder workingDirectory(Path workingDirectory) {
			this.workingDirectory = workingDirectory;
			return this;
		}

		/**
		 * Build the runner.
		 * @return the runner
		 */
		public EvalRunner build() {
			return new EvalRunner(this);
		}

	}

}

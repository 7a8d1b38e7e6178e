package dev.braintrust.spring.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalOptions;
import dev.braintrust.spring.eval.EvalRegistry;
import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunStatus;
import dev.braintrust.spring.eval.EvalRunTracker;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.RegisteredEval;
import dev.braintrust.spring.eval.experiment.ScoreSummary;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LoggerStats;
import dev.braintrust.spring.store.LocalStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code braintrust} endpoint: where rows go, the export pipeline's counters and the
 * registered evals (read); starting an eval run and flushing the pipeline (write, only
 * once an operator sets {@code management.endpoint.braintrust.access=unrestricted}).
 * Never shows the API key beyond its last four characters.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@Endpoint(id = "braintrust", defaultAccess = Access.READ_ONLY)
public class BraintrustEndpoint {

	private final Connection connection;

	private final BraintrustLogger braintrustLogger;

	private final @Nullable LocalStore localStore;

	private final @Nullable HttpLogExporter exporter;

	private final @Nullable Evals evals;

	/**
	 * Create the endpoint.
	 * @param connection where rows go, as configured
	 * @param braintrustLogger the logger whose pipeline is shown and flushed
	 * @param localStore the local store, in local mode
	 * @param exporter the exporter to Braintrust, in remote mode
	 * @param evals the evals, unless they are disabled
	 */
	public BraintrustEndpoint(Connection connection, BraintrustLogger braintrustLogger, @Nullable LocalStore localStore,
			@Nullable HttpLogExporter exporter, @Nullable Evals evals) {
		this.connection = connection;
		this.braintrustLogger = braintrustLogger;
		this.localStore = localStore;
		this.exporter = exporter;
		this.evals = evals;
	}

	/**
	 * Where rows go, the pipeline's counters and the registered evals.
	 * @return the status
	 */
	@ReadOperation
	public BraintrustDescriptor braintrust() {
		Map<String, EvalSummaryDescriptor> evals = new LinkedHashMap<>();
		if (this.evals != null) {
			for (RegisteredEval eval : this.evals.registry().all()) {
				evals.put(eval.name(), new EvalSummaryDescriptor(eval.source(),
						runDescriptor(this.evals.tracker().latest(eval.name()).orElse(null))));
			}
		}
		return new BraintrustDescriptor(this.connection.mode(), this.connection.apiUrl(), this.connection.appUrl(),
				this.connection.apiKeyHint(), organization(), project(), localStore(), spool(),
				pipeline(this.braintrustLogger.stats()), evals);
	}

	/**
	 * An eval's definition and its running or last run.
	 * @param eval the eval's name
	 * @return the eval, or null (404) when there is none by that name
	 */
	@ReadOperation
	public @Nullable EvalDescriptor eval(@Selector String eval) {
		if (this.evals == null) {
			return null;
		}
		RegisteredEval registered = this.evals.registry().find(eval).orElse(null);
		if (registered == null) {
			return null;
		}
		EvalRunDescriptor run = runDescriptor(this.evals.tracker().latest(eval).orElse(null));
		try {
			EvalDefinition<?, ?> definition = registered.definition();
			EvalOptions options = definition.options().with(registered.optionOverrides());
			return new EvalDescriptor(eval, registered.source(), String.valueOf(definition.data()),
					EvalRunner.scorerNames(definition), OptionsDescriptor.of(options), null, run);
		}
		catch (RuntimeException ex) {
			return new EvalDescriptor(eval, registered.source(), null, List.of(), null, ex.getMessage(), run);
		}
	}

	/**
	 * Start a run of an eval in the background, unless one started here is going; poll
	 * {@link #eval} for its progress and result.
	 * @param eval the eval's name
	 * @return the new run, or the one going; null when there is no eval by that name
	 */
	@WriteOperation
	public @Nullable EvalRunStartDescriptor runEval(@Selector String eval) {
		if (this.evals == null || this.evals.registry().find(eval).isEmpty()) {
			return null;
		}
		EvalRunner runner = this.evals.runner();
		EvalRunTracker.Start start = this.evals.tracker().start(eval, runner::run);
		String message = start.started() ? "Started a run of eval '" + eval + "'"
				: "A run of eval '" + eval + "' is already in progress; no other run was started";
		return new EvalRunStartDescriptor(start.started(), message, runDescriptor(start.run()), null);
	}

	/**
	 * Write everything logged so far, within the export timeout, and say what was written
	 * meanwhile.
	 * @return what the flush wrote
	 */
	@WriteOperation
	public FlushDescriptor flush() {
		LoggerStats before = this.braintrustLogger.stats();
		long start = System.nanoTime();
		boolean complete = this.braintrustLogger.flush();
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		LoggerStats after = this.braintrustLogger.stats();
		return new FlushDescriptor(complete, after.sent() - before.sent(), after.rejected() - before.rejected(),
				after.dropped() - before.dropped(), after.spooled() - before.spooled(), after.queued(), millis);
	}

	private @Nullable OrganizationDescriptor organization() {
		String name = this.connection.orgName();
		if (name == null && this.exporter != null) {
			name = this.exporter.orgName();
		}
		return (name != null) ? new OrganizationDescriptor(name) : null;
	}

	private ProjectDescriptor project() {
		String id = this.connection.projectId();
		if (id == null && this.exporter != null) {
			id = this.exporter.projectId(this.braintrustLogger.target());
		}
		return new ProjectDescriptor(this.braintrustLogger.target().projectName(), id);
	}

	private @Nullable LocalStoreDescriptor localStore() {
		LocalStore store = this.localStore;
		return (store != null)
				? new LocalStoreDescriptor(store.directory().toString(), store.isWritable(), store.sizeBytes()) : null;
	}

	private @Nullable SpoolDescriptor spool() {
		HttpLogExporter exporter = this.exporter;
		return (exporter != null) ? new SpoolDescriptor(exporter.spooledBytes()) : null;
	}

	private PipelineDescriptor pipeline(LoggerStats stats) {
		ErrorDescriptor lastError = (stats.lastError() != null)
				? new ErrorDescriptor(stats.lastError(), stats.lastErrorTime()) : null;
		return new PipelineDescriptor(stats.queued(), this.braintrustLogger.queueCapacity(), stats.sent(),
				stats.retried(), stats.rejected(), stats.dropped(), stats.spooled(), stats.failedExports(),
				stats.consecutiveFailures(), lastError, stats.lastSuccessTime());
	}

	private static @Nullable EvalRunDescriptor runDescriptor(@Nullable EvalRunStatus status) {
		return (status != null) ? EvalRunDescriptor.of(status) : null;
	}

	/**
	 * Where rows go, as configured.
	 *
	 * @param mode {@code local}, {@code remote} or {@code disabled}
	 * @param apiUrl the Braintrust API URL
	 * @param appUrl the Braintrust app URL
	 * @param apiKeyHint the API key's last four characters, masked, or null without a key
	 * @param orgName the configured organization, if any
	 * @param projectId the configured project id, if any
	 */
	public record Connection(String mode, String apiUrl, String appUrl, @Nullable String apiKeyHint,
			@Nullable String orgName, @Nullable String projectId) {

		/**
		 * What may be shown of an API key: its last four characters, and only when the
		 * key is long enough for them not to give much of it away.
		 * @param apiKey the key
		 * @return the hint, such as {@code ****a1b2}, or null without a key
		 */
		public static @Nullable String apiKeyHint(@Nullable String apiKey) {
			if (apiKey == null || apiKey.isBlank()) {
				return null;
			}
			String key = apiKey.trim();
			return (key.length() >= 16) ? "****" + key.substring(key.length() - 4) : "****";
		}

	}

	/**
	 * The evals and how their runs are started and followed.
	 *
	 * @param runner the runner, with its registry
	 * @param tracker the runs going and finished
	 */
	public record Evals(EvalRunner runner, EvalRunTracker tracker) {

		/**
		 * The registry of the runner.
		 * @return the registry
		 */
		public EvalRegistry registry() {
			return this.runner.registry();
		}

	}

	/**
	 * The answer to the endpoint's main read operation.
	 *
	 * @param mode where rows go: {@code local}, {@code remote} or {@code disabled}
	 * @param apiUrl the Braintrust API URL
	 * @param appUrl the Braintrust app URL
	 * @param apiKey the API key's last four characters, masked, or null
	 * @param organization the organization, once known
	 * @param project the project logs go to
	 * @param localStore the local store, in local mode
	 * @param spool the export spool, in remote mode
	 * @param pipeline the row pipeline's counters
	 * @param evals the registered evals by name
	 */
	public record BraintrustDescriptor(String mode, String apiUrl, String appUrl, @Nullable String apiKey,
			@Nullable OrganizationDescriptor organization, ProjectDescriptor project,
			@Nullable LocalStoreDescriptor localStore, @Nullable SpoolDescriptor spool, PipelineDescriptor pipeline,
			Map<String, EvalSummaryDescriptor> evals) implements OperationResponseBody {

	}

	/**
	 * The Braintrust organization.
	 *
	 * @param name its name: configured, or learned from Braintrust
	 */
	public record OrganizationDescriptor(String name) {

	}

	/**
	 * The project logs go to.
	 *
	 * @param name its name
	 * @param id its id: configured, or resolved by Braintrust; null while unknown
	 */
	public record ProjectDescriptor(String name, @Nullable String id) {

	}

	/**
	 * The local store.
	 *
	 * @param directory its directory
	 * @param writable whether it can be written now
	 * @param sizeBytes the size of its files, -1 when it cannot be read
	 */
	public record LocalStoreDescriptor(String directory, boolean writable, long sizeBytes) {

	}

	/**
	 * The export spool, where rows wait while Braintrust is unreachable.
	 *
	 * @param sizeBytes the bytes waiting, 0 without a spool
	 */
	public record SpoolDescriptor(long sizeBytes) {

	}

	/**
	 * The row pipeline's counters since the application started.
	 *
	 * @param queued rows waiting in the queue now
	 * @param queueCapacity the most rows the queue holds
	 * @param sent rows written
	 * @param retried rows sent again after a transient failure
	 * @param rejected rows refused for good
	 * @param dropped rows lost before export
	 * @param spooled rows written to the disk spool
	 * @param failedExports exports that failed
	 * @param consecutiveFailures exports that failed since the last success
	 * @param lastError the last error, or null
	 * @param lastSuccessTime when rows were last written, or null
	 */
	public record PipelineDescriptor(long queued, int queueCapacity, long sent, long retried, long rejected,
			long dropped, long spooled, long failedExports, long consecutiveFailures,
			@Nullable ErrorDescriptor lastError, @Nullable Instant lastSuccessTime) {

	}

	/**
	 * An export error.
	 *
	 * @param message what went wrong
	 * @param time when
	 */
	public record ErrorDescriptor(String message, @Nullable Instant time) {

	}

	/**
	 * A registered eval in the endpoint's main read operation.
	 *
	 * @param source what declared it
	 * @param run its running or last run, or null
	 */
	public record EvalSummaryDescriptor(String source, @Nullable EvalRunDescriptor run) {

	}

	/**
	 * A registered eval in detail.
	 *
	 * @param name its name
	 * @param source what declared it
	 * @param data where its cases come from
	 * @param scorers the names its scores are recorded under
	 * @param options its options, with the registration's overrides
	 * @param definitionError why its definition could not be created, or null
	 * @param run its running or last run, or null
	 */
	public record EvalDescriptor(String name, String source, @Nullable String data, List<String> scorers,
			@Nullable OptionsDescriptor options, @Nullable String definitionError,
			@Nullable EvalRunDescriptor run) implements OperationResponseBody {

	}

	/**
	 * The options of an eval.
	 *
	 * @param project the project its experiments belong to (null: named after the eval)
	 * @param experimentName the experiment name (null: the eval's name and a timestamp)
	 * @param description the experiment description
	 * @param trialCount how often each case runs
	 * @param maxConcurrency how many cases run at once (null: the runner's default)
	 * @param timeoutMillis the time limit of one case, or null
	 * @param tags the experiment's tags
	 * @param baseExperimentName the experiment compared with, by name
	 * @param baseExperimentId the experiment compared with, by id
	 * @param parameters the names of the eval's parameters
	 * @param minScores the minimum mean of each score for the run to pass
	 * @param maxRegressions the most regressions for the run to pass, or null
	 */
	public record OptionsDescriptor(@Nullable String project, @Nullable String experimentName,
			@Nullable String description, int trialCount, @Nullable Integer maxConcurrency,
			@Nullable Long timeoutMillis, Set<String> tags, @Nullable String baseExperimentName,
			@Nullable String baseExperimentId, Set<String> parameters, Map<String, Double> minScores,
			@Nullable Integer maxRegressions) {

		static OptionsDescriptor of(EvalOptions options) {
			Duration timeout = options.timeout();
			return new OptionsDescriptor(options.project(), options.experimentName(), options.description(),
					options.trialCount(), options.maxConcurrency(), (timeout != null) ? timeout.toMillis() : null,
					options.tags(), options.baseExperimentName(), options.baseExperimentId(),
					options.parameters().asMap().keySet(), options.thresholds().minScores(),
					options.thresholds().maxRegressions());
		}

	}

	/**
	 * A run of an eval: its progress while it runs, its result once it finished.
	 *
	 * @param id the run's id
	 * @param state {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
	 * @param startedAt when it started
	 * @param finishedAt when it finished, or null
	 * @param experiment the experiment it writes to, once known
	 * @param totalCases cases times trials, once known
	 * @param completedCases the cases finished
	 * @param failedCases the cases whose task failed
	 * @param durationMillis how long a completed run took, or null
	 * @param passed whether a completed run passed its thresholds, or null
	 * @param thresholdFailures the thresholds a completed run missed
	 * @param scores the mean of each score of a completed run
	 * @param location where the experiment can be seen (a link or a file), or null
	 * @param error why a failed run stopped, or null
	 */
	public record EvalRunDescriptor(String id, EvalRunStatus.State state, Instant startedAt,
			@Nullable Instant finishedAt, @Nullable String experiment, int totalCases, int completedCases,
			int failedCases, @Nullable Long durationMillis, @Nullable Boolean passed, List<String> thresholdFailures,
			Map<String, Double> scores, @Nullable String location, @Nullable String error) {

		static EvalRunDescriptor of(EvalRunStatus status) {
			EvalResult result = status.result();
			Map<String, Double> scores = new LinkedHashMap<>();
			if (result != null) {
				for (Map.Entry<String, ScoreSummary> score : result.summary().scores().entrySet()) {
					scores.put(score.getKey(), score.getValue().score());
				}
			}
			return new EvalRunDescriptor(status.id(), status.state(), status.startedAt(), status.finishedAt(),
					status.experimentName(), status.totalCases(), status.completedCases(), status.failedCases(),
					(result != null) ? result.duration().toMillis() : null, (result != null) ? result.passed() : null,
					(result != null) ? result.thresholds().failures() : List.of(), scores,
					(result != null) ? result.location() : null, status.error());
		}

	}

	/**
	 * The answer to a request to start a run.
	 *
	 * @param started whether a new run started; false when one was already going
	 * @param message what happened
	 * @param run the new run, or the one going
	 * @param poll where to read the run's progress and result, when known
	 */
	public record EvalRunStartDescriptor(boolean started, String message, EvalRunDescriptor run,
			@Nullable String poll) implements OperationResponseBody {

		/**
		 * The same answer with where to poll.
		 * @param poll the path of the eval's read operation
		 * @return the answer
		 */
		public EvalRunStartDescriptor withPoll(String poll) {
			return new EvalRunStartDescriptor(this.started, this.message, this.run, poll);
		}

	}

	/**
	 * What a flush wrote.
	 *
	 * @param complete whether everything logged before the flush was written within the
	 * export timeout
	 * @param sent rows written while the flush ran
	 * @param rejected rows refused while the flush ran
	 * @param dropped rows dropped while the flush ran
	 * @param spooled rows spooled while the flush ran
	 * @param queued rows in the queue afterwards
	 * @param durationMillis how long the flush took
	 */
	public record FlushDescriptor(boolean complete, long sent, long rejected, long dropped, long spooled, long queued,
			long durationMillis) implements OperationResponseBody {

	}

}

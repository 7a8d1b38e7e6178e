package dev.braintrust.spring.eval;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Follows every eval run as an {@link EvalListener} (whoever started it) and keeps the
 * running and the last finished run of each eval; starts runs in the background, at most
 * one at a time per eval. For the actuator endpoint, which starts runs on request and
 * shows their progress.
 * <p>
 * Runs are told apart by eval name: two runs of the same eval at once (one started here,
 * one by a direct call to {@link EvalRunner}) share one progress record.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EvalRunTracker implements EvalListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(EvalRunTracker.class);

	private final Map<String, Progress> running = new ConcurrentHashMap<>();

	private final Map<String, EvalRunStatus> finished = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	private final Clock clock;

	/**
	 * A tracker that starts runs on daemon threads named {@code braintrust-eval-run-N}.
	 */
	public EvalRunTracker() {
		this(Clock.systemUTC());
	}

	/**
	 * A tracker on the given clock.
	 * @param clock the clock for start and finish times
	 */
	public EvalRunTracker(Clock clock) {
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "braintrust-eval-run-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Start a run of an eval in the background, unless one started here is still going.
	 * @param evalName the eval
	 * @param run runs the eval and returns its result, such as {@code evalRunner::run}
	 * @return the new run, or the one already going
	 */
	public Start start(String evalName, Function<String, EvalResult> run) {
		Progress progress;
		synchronized (this) {
			Progress current = this.running.get(evalName);
			if (current != null && current.launched) {
				return new Start(false, current.status());
			}
			progress = new Progress(evalName, true);
			this.running.put(evalName, progress);
		}
		try {
			this.executor.execute(() -> execute(progress, run));
		}
		catch (RejectedExecutionException ex) {
			finish(progress, null, "the application is shutting down");
		}
		return new Start(true, progress.status());
	}

	private void execute(Progress progress, Function<String, EvalResult> run) {
		try {
			finish(progress, run.apply(progress.evalName), null);
		}
		catch (Throwable ex) {
			logger.warn("Eval '" + progress.evalName + "' started from the actuator failed: " + ex, ex);
			finish(progress, null, describe(ex));
		}
	}

	/**
	 * The run of an eval that is going now.
	 * @param evalName the eval
	 * @return the run, if one is going
	 */
	public Optional<EvalRunStatus> running(String evalName) {
		Progress progress = this.running.get(evalName);
		return (progress != null) ? Optional.of(progress.status()) : Optional.empty();
	}

	/**
	 * The last finished run of an eval.
	 * @param evalName the eval
	 * @return the run, if one finished since the application started
	 */
	public Optional<EvalRunStatus> lastFinished(String evalName) {
		return Optional.ofNullable(this.finished.get(evalName));
	}

	/**
	 * The run going now, else the last finished one.
	 * @param evalName the eval
	 * @return the run, if there is one
	 */
	public Optional<EvalRunStatus> latest(String evalName) {
		return running(evalName).or(() -> lastFinished(evalName));
	}

	@Override
	public void runStarted(String evalName, String experimentName, int totalCases) {
		Progress progress;
		synchronized (this) {
			progress = this.running.get(evalName);
			if (progress == null || !progress.launched) {
				// a run started elsewhere (at start-up, from code); one left over from a
				// run that threw is replaced
				progress = new Progress(evalName, false);
				this.running.put(evalName, progress);
			}
		}
		progress.started(experimentName, totalCases);
	}

	@Override
	public void caseCompleted(String evalName, EvalCaseResult result) {
		Progress progress = this.running.get(evalName);
		if (progress != null) {
			progress.caseCompleted(result.failed());
		}
	}

	@Override
	public void runCompleted(EvalResult result) {
		Progress progress = this.running.get(result.evalName());
		if (progress != null && !progress.launched) {
			finish(progress, result, null);
		}
	}

	private synchronized void finish(Progress progress, @Nullable EvalResult result, @Nullable String error) {
		this.running.remove(progress.evalName, progress);
		this.finished.put(progress.evalName, progress.finished(this.clock, result, error));
	}

	/**
	 * Stop the threads of runs still going.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	/**
	 * The answer to {@link #start}.
	 *
	 * @param started whether a new run started; false when one was already going
	 * @param run the new run, or the one already going
	 */
	public record Start(boolean started, EvalRunStatus run) {

	}

	private final class Progress {

		private final String id = UUID.randomUUID().toString();

		private final String evalName;

		private final boolean launched;

		private final Instant startedAt;

		private volatile @Nullable String experimentName;

		private volatile int totalCases;

		private final AtomicInteger completed = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		Progress(String evalName, boolean launched) {
			this.evalName = evalName;
			this.launched = launched;
			this.startedAt = EvalRunTracker.this.clock.instant();
		}

		void started(String experimentName, int totalCases) {
			this.experimentName = experimentName;
			this.totalCases = totalCases;
		}

		void caseCompleted(boolean failed) {
			this.completed.incrementAndGet();
			if (failed) {
				this.failed.incrementAndGet();
			}
		}

		EvalRunStatus status() {
			return new EvalRunStatus(this.id, this.evalName, EvalRunStatus.State.RUNNING, this.startedAt, null,
					this.experimentName, this.totalCases, this.completed.get(), this.failed.get(), null, null);
		}

		EvalRunStatus finished(Clock clock, @Nullable EvalResult result, @Nullable String error) {
			EvalRunStatus.State state = (result != null) ? EvalRunStatus.State.COMPLETED : EvalRunStatus.State.FAILED;
			String experiment = (result != null) ? result.experimentName() : this.experimentName;
			int total = (result != null) ? result.cases().size() : this.totalCases;
			int completedCases = (result != null) ? result.cases().size() : this.completed.get();
			int failedCases = (result != null) ? (int) result.errorCount() : this.failed.get();
			return new EvalRunStatus(this.id, this.evalName, state, this.startedAt, clock.instant(), experiment, total,
					completedCases, failedCases, result, error);
		}

	}

}

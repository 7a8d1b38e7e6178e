package dev.braintrust.spring.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.RowKind;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.logger.SpanType;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the cases of one eval run: each case and trial on one of {@code maxConcurrency}
 * case threads, its task on a task thread (so a task past its timeout can be abandoned
 * without holding a case thread), and its scorers on the case thread. Writes the spans of
 * Braintrust's eval flow: {@code eval} (root), {@code task}, and one {@code score} span
 * per scorer. Never throws because of a case.
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 */
final class EvalRun<I, O> {

	static final String INSTRUMENTATION = "eval";

	private final Log logger;

	private final String evalName;

	private final EvalDefinition<I, O> definition;

	private final EvalOptions options;

	private final List<EvalCase<I, O>> cases;

	private final List<NamedScorer> scorers;

	private final BraintrustLogger experimentLogger;

	private final int maxConcurrency;

	private final Duration progressInterval;

	private final EvalListeners listeners;

	private final AtomicReference<@Nullable String> firstPermalink = new AtomicReference<>();

	EvalRun(Log logger, String evalName, EvalDefinition<I, O> definition, EvalOptions options,
			List<EvalCase<I, O>> cases, List<NamedScorer> scorers, BraintrustLogger experimentLogger,
			int maxConcurrency, Duration progressInterval, EvalListeners listeners) {
		this.logger = logger;
		this.evalName = evalName;
		this.definition = definition;
		this.options = options;
		this.cases = cases;
		this.scorers = scorers;
		this.experimentLogger = experimentLogger;
		this.maxConcurrency = maxConcurrency;
		this.progressInterval = progressInterval;
		this.listeners = listeners;
	}

	/**
	 * A link to the first case's eval span.
	 * @return the link, or null before any case ran
	 */
	@Nullable String firstPermalink() {
		return this.firstPermalink.get();
	}

	List<EvalCaseResult> execute() {
		int trials = this.options.trialCount();
		int total = this.cases.size() * trials;
		if (total == 0) {
			return List.of();
		}
		int threads = Math.min(this.maxConcurrency, total);
		ThreadPoolExecutor caseExecutor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), threadFactory("braintrust-eval-case-"));
		ExecutorService taskExecutor = Executors.newCachedThreadPool(threadFactory("braintrust-eval-task-"));
		List<Future<EvalCaseResult>> futures = new ArrayList<>(total);
		try (ProgressMonitor progress = new ProgressMonitor(this.logger, this.evalName, total, this.progressInterval)) {
			progress.start();
			for (int caseIndex = 0; caseIndex < this.cases.size(); caseIndex++) {
				for (int trial = 0; trial < trials; trial++) {
					int index = caseIndex;
					int trialIndex = trial;
					futures.add(caseExecutor.submit(() -> {
						EvalCaseResult result = runCase(index, trialIndex, taskExecutor);
						progress.caseDone();
						this.listeners.caseCompleted(this.evalName, result);
						return result;
					}));
				}
			}
			List<EvalCaseResult> results = new ArrayList<>(total);
			for (Future<EvalCaseResult> future : futures) {
				results.add(future.get());
			}
			if (this.logger.isInfoEnabled() && !this.progressInterval.isZero()
					&& progress.elapsedSeconds() * 1000 >= this.progressInterval.toMillis()) {
				// a run long enough to report progress also reports its end
				this.logger.info(progress.describe());
			}
			return results;
		}
		catch (InterruptedException ex) {
			futures.forEach((future) -> future.cancel(true));
			Thread.currentThread().interrupt();
			throw new EvalException("The run of eval '" + this.evalName + "' was interrupted", ex);
		}
		catch (ExecutionException ex) {
			// runCase catches everything it can; this is a bug, not a failed case
			throw new EvalException("The run of eval '" + this.evalName + "' failed: " + ex.getCause(), ex.getCause());
		}
		finally {
			caseExecutor.shutdownNow();
			taskExecutor.shutdownNow();
		}
	}

	private EvalCaseResult runCase(int caseIndex, int trialIndex, ExecutorService taskExecutor) {
		long start = System.nanoTime();
		EvalCase<I, O> evalCase = this.cases.get(caseIndex);
		Span root = startRoot(evalCase);
		if (this.firstPermalink.get() == null) {
			this.firstPermalink.compareAndSet(null, root.permalink());
		}
		DefaultEvalHooks<O> hooks = null;
		Object output = null;
		Throwable error = null;
		Map<String, @Nullable Double> scores = new LinkedHashMap<>();
		Map<String, String> scorerErrors = new LinkedHashMap<>();
		try {
			Span task = root.startSpan(SpanOptions.named("task")
				.type(SpanType.TASK)
				.instrumentation(INSTRUMENTATION)
				.event(LogEvent.builder().input(evalCase.input()).build())
				.build());
			hooks = new DefaultEvalHooks<>(evalCase, task, trialIndex, this.options.parameters(),
					(event) -> this.listeners.taskProgress(this.evalName, caseIndex, trialIndex, event));
			try {
				output = invokeTask(evalCase, hooks, task, caseIndex, trialIndex, taskExecutor);
				task.log(LogEvent.builder().output(output).build());
			}
			catch (Throwable ex) {
				rethrowIfFatal(ex);
				error = ex;
				task.log(LogEvent.builder().error(ex).build());
			}
			finally {
				task.end();
			}
			List<String> unhandled = new ArrayList<>();
			if (error == null) {
				for (NamedScorer scorer : this.scorers) {
					score(root, scorer, evalCase, output, hooks.metadataSnapshot(), scores, scorerErrors, unhandled);
				}
			}
			else {
				this.scorers.forEach((scorer) -> unhandled.add(scorer.name()));
			}
			handleErrorScores(root, evalCase, unhandled, scores);
		}
		catch (RuntimeException ex) {
			// telemetry or a hook misbehaved; the case is recorded, the run goes on
			if (error == null) {
				error = ex;
			}
		}
		Map<String, @Nullable Object> metadata = (hooks != null) ? hooks.metadataSnapshot()
				: new LinkedHashMap<>(evalCase.metadata());
		List<String> tags = (hooks != null) ? new ArrayList<>(hooks.tagsSnapshot()) : evalCase.tags();
		endRoot(root, output, error, metadata, tags, scorerErrors);
		return new EvalCaseResult(caseIndex, trialIndex, evalCase.input(), evalCase.expected(),
				(error == null) ? output : null, scores, error, scorerErrors, metadata, tags,
				Duration.ofNanos(System.nanoTime() - start), root.rootSpanId(), root.spanId());
	}

	private Span startRoot(EvalCase<I, O> evalCase) {
		LogEvent.Builder event = LogEvent.builder().input(evalCase.input());
		if (evalCase.expected() != null) {
			event.expected(evalCase.expected());
		}
		event.tags(evalCase.tags());
		Span root = this.experimentLogger.startSpan(SpanOptions.named("eval")
			.type(SpanType.EVAL)
			.root()
			.instrumentation(INSTRUMENTATION)
			.event(event.build())
			.build());
		EvalCaseOrigin origin = evalCase.origin();
		if (origin != null && !root.isNoop()) {
			// origin is a row field LogEvent does not carry: merged into the span's row
			ObjectNode row = JsonNodeFactory.instance.objectNode();
			row.put("id", root.id());
			row.put("span_id", root.spanId());
			row.put("root_span_id", root.rootSpanId());
			row.putNull("span_parents");
			ObjectNode originNode = row.putObject("origin");
			originNode.put("object_type", origin.objectType());
			originNode.put("object_id", origin.objectId());
			originNode.put("id", origin.id());
			if (origin.xactId() != null) {
				originNode.put("_xact_id", origin.xactId());
			}
			if (origin.created() != null) {
				originNode.put("created", origin.created());
			}
			row.put(RowMerger.IS_MERGE, true);
			this.experimentLogger.rowSink().emit(root.target(), RowKind.EVENT, row);
		}
		return root;
	}

	private void endRoot(Span root, @Nullable Object output, @Nullable Throwable error,
			Map<String, @Nullable Object> metadata, List<String> tags, Map<String, String> scorerErrors) {
		try {
			LogEvent.Builder event = LogEvent.builder();
			if (error == null) {
				event.output(output);
			}
			else {
				event.error(error);
			}
			event.metadata(metadata);
			if (!scorerErrors.isEmpty()) {
				event.metadata("scorer_errors", scorerErrors);
			}
			event.tags(tags);
			root.log(event.build());
		}
		catch (RuntimeException ex) {
			this.logger.warn("Could not log the end of a case of eval '" + this.evalName + "': " + ex.getMessage());
		}
		finally {
			root.end();
		}
	}

	private @Nullable Object invokeTask(EvalCase<I, O> evalCase, DefaultEvalHooks<O> hooks, Span taskSpan,
			int caseIndex, int trialIndex, ExecutorService taskExecutor) throws Throwable {
		CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
		AtomicReference<@Nullable CompletableFuture<@Nullable Object>> pending = new AtomicReference<>();
		FutureTask<Void> invocation = new FutureTask<>(() -> {
			try (SpanScope scope = CurrentSpan.set(taskSpan)) {
				Object value = this.definition.task(evalCase.input(), hooks);
				CompletableFuture<@Nullable Object> async = AsyncResults.toFuture(value);
				if (async == null) {
					result.complete(value);
				}
				else {
					pending.set(async);
					async.whenComplete((asyncValue, asyncError) -> {
						if (asyncError != null) {
							result.completeExceptionally(AsyncResults.unwrap(asyncError));
						}
						else {
							result.complete(asyncValue);
						}
					});
				}
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
			return null;
		});
		taskExecutor.execute(invocation);
		Duration timeout = this.options.timeout();
		try {
			return (timeout != null) ? result.get(timeout.toNanos(), TimeUnit.NANOSECONDS) : result.get();
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
		catch (TimeoutException ex) {
			cancel(invocation, pending.get());
			throw new EvalCaseTimeoutException(this.evalName, caseIndex, trialIndex, timeout);
		}
		catch (InterruptedException ex) {
			cancel(invocation, pending.get());
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	private static void cancel(FutureTask<Void> invocation, @Nullable CompletableFuture<@Nullable Object> pending) {
		invocation.cancel(true);
		if (pending != null) {
			pending.cancel(true);
		}
	}

	private void score(Span root, NamedScorer scorer, EvalCase<I, O> evalCase, @Nullable Object output,
			Map<String, @Nullable Object> metadata, Map<String, @Nullable Double> scores,
			Map<String, String> scorerErrors, List<String> unhandled) {
		Map<String, @Nullable Object> scorerInput = new LinkedHashMap<>();
		scorerInput.put("input", evalCase.input());
		scorerInput.put("expected", evalCase.expected());
		scorerInput.put("metadata", metadata);
		scorerInput.put("output", output);
		Span span = root.startSpan(SpanOptions.named(scorer.name())
			.type(SpanType.SCORE)
			.propagatedAttribute("purpose", "scorer")
			.instrumentation(INSTRUMENTATION)
			.event(LogEvent.builder().input(scorerInput).build())
			.build());
		try (SpanScope scope = span.makeCurrent()) {
			Object raw = scorer.scorer().score(new ScorerArgs(evalCase.input(), output, evalCase.expected(), metadata));
			List<Score> results = Scorer.normalize(scorer.name(), raw);
			span.log(scoreEvent(results));
			results.forEach((result) -> scores.put(result.name(), result.score()));
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			String stack = LogEvent.formatError(ex);
			scorerErrors.put(scorer.name(), stack);
			unhandled.add(scorer.name());
			try {
				span.log(LogEvent.builder().error(ex).build());
			}
			catch (RuntimeException loggingFailure) {
				// the scorer's error is recorded on the case; the span keeps what it has
			}
		}
		finally {
			span.end();
		}
	}

	private static LogEvent scoreEvent(List<Score> results) {
		LogEvent.Builder event = LogEvent.builder();
		if (results.size() == 1) {
			Score score = results.get(0);
			event.output(Collections.singletonMap("score", score.score()));
			event.metadata(score.metadata());
		}
		else if (!results.isEmpty()) {
			Map<String, Object> output = new LinkedHashMap<>();
			for (Score score : results) {
				output.put(score.name(), Collections.singletonMap("score", score.score()));
				if (!score.metadata().isEmpty()) {
					event.metadata(score.name(), score.metadata());
				}
			}
			event.output(output);
		}
		results.forEach((score) -> event.score(score.name(), score.score()));
		return event.build();
	}

	private void handleErrorScores(Span root, EvalCase<I, O> evalCase, List<String> unhandled,
			Map<String, @Nullable Double> scores) {
		ErrorScoreHandler handler = this.options.errorScoreHandler();
		if (handler == null || unhandled.isEmpty()) {
			return;
		}
		try {
			Map<String, ?> handled = handler.handle(root, evalCase, List.copyOf(unhandled));
			if (handled != null && !handled.isEmpty()) {
				LogEvent event = LogEvent.builder().scores(handled).build();
				root.log(event);
				scores.putAll(event.scores());
			}
		}
		catch (RuntimeException ex) {
			this.logger.warn("The error score handler of eval '" + this.evalName + "' failed: " + ex);
		}
	}

	private static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
	}

	private ThreadFactory threadFactory(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + this.evalName + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * A scorer and the name its span and bare scores get.
	 */
	record NamedScorer(String name, Scorer scorer) {

	}

}

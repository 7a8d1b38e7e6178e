package dev.braintrust.spring.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.braintrust.spring.eval.experiment.MetricSummary;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.store.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EvalRunner}.
 *
 * @author Braintrust
 */
class EvalRunnerTests {

	private static final int TIMING_OUT = 13;

	private static final int THROWING_TASK = 7;

	private static final int THROWING_SCORER = 21;

	private static final int NAN_SCORER = 22;

	@TempDir
	Path directory;

	private EvalTestSupport support;

	@BeforeEach
	void setUp() {
		this.support = new EvalTestSupport(this.directory);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	@Timeout(60)
	void runsFiftyCasesTwiceWithBoundedConcurrencyRecordingTimeoutsTaskErrorsAndScorerErrors() throws Exception {
		CountDownLatch firstWave = new CountDownLatch(8);
		AtomicBoolean firstWaveRanTogether = new AtomicBoolean(true);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		AtomicInteger interrupted = new AtomicInteger();
		List<String> taskThreadSpans = java.util.Collections.synchronizedList(new ArrayList<>());
		List<EvalCase<Integer, Integer>> cases = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			cases.add(EvalCase.<Integer, Integer>builder(i)
				.expected(i * 2)
				.metadata("index", i)
				.tags("even-" + (i % 2 == 0))
				.build());
		}
		EvalTask<Integer, Integer> task = (input, hooks) -> {
			int now = running.incrementAndGet();
			maxRunning.accumulateAndGet(now, Math::max);
			try {
				taskThreadSpans.add(CurrentSpan.get().spanId() + "=" + hooks.span().spanId());
				if (input < 4) {
					firstWave.countDown();
					if (!firstWave.await(2, TimeUnit.SECONDS)) {
						firstWaveRanTogether.set(false);
					}
				}
				if (input == TIMING_OUT) {
					try {
						Thread.sleep(60_000);
					}
					catch (InterruptedException ex) {
						interrupted.incrementAndGet();
						throw ex;
					}
				}
				if (input == THROWING_TASK) {
					throw new IllegalStateException("task boom " + input);
				}
				hooks.metadata().put("trial", hooks.trialIndex());
				hooks.tags().add("ran");
				// a span made inside the task, as @Traced or an LLM call would make it
				this.support.logger.traced("inner-work", (span) -> span.log((event) -> event.input(input)));
				return (input % 5 == 0) ? input * 2 + 1 : input * 2;
			}
			finally {
				running.decrementAndGet();
			}
		};
		Scorer exact = Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected()));
		Scorer unnamed = (args) -> 0.5;
		Scorer flaky = Scorer.of("flaky", (args) -> {
			if (Objects.equals(args.input(), THROWING_SCORER)) {
				throw new IllegalArgumentException("scorer boom");
			}
			return Objects.equals(args.input(), NAN_SCORER) ? Double.NaN : 1.0;
		});
		Scorer multi = Scorer.of("multi", (args) -> List.of(Score.of("multi_a", 1.0), Score.of("multi_b", 0.0)));
		EvalDefinition<Integer, Integer> definition = EvalDefinition.<Integer, Integer>builder()
			.data(EvalData.of(cases))
			.task(task)
			.scorers(exact, unnamed, flaky, multi)
			.options((options) -> options.trialCount(2)
				.maxConcurrency(8)
				.timeout(Duration.ofSeconds(3))
				.errorScoreHandler(ErrorScoreHandler.zero())
				.description("doubling")
				.metadata("model", "doubler-1")
				.tags("ci"))
			.build();
		EvalRunner runner = this.support.runner().build();

		EvalResult result = runner.run("doubling", definition);

		// concurrency: 8 tasks ran together, never more
		assertThat(firstWaveRanTogether).isTrue();
		assertThat(maxRunning.get()).isLessThanOrEqualTo(8);
		// every case and trial, in order
		assertThat(result.cases()).hasSize(100);
		assertThat(result.cases().get(0).caseIndex()).isZero();
		assertThat(result.cases().get(1).trialIndex()).isOne();
		assertThat(result.cases().get(99).caseIndex()).isEqualTo(49);
		// the timing-out case was cancelled and recorded as a timeout
		List<EvalCaseResult> timedOut = matching(result, EvalCaseResult::timedOut);
		assertThat(timedOut).hasSize(2).allSatisfy((failed) -> {
			assertThat(failed.caseIndex()).isEqualTo(TIMING_OUT);
			assertThat(failed.error()).hasMessageContaining("timed out").hasMessageContaining("3000 ms");
			assertThat(failed.output()).isNull();
		});
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(interrupted.get()).isEqualTo(2));
		// the throwing task is recorded with the task's own exception; the run went on
		List<EvalCaseResult> thrown = matching(result, (c) -> c.caseIndex() == THROWING_TASK);
		assertThat(thrown).hasSize(2).allSatisfy((failed) -> {
			assertThat(failed.error()).isInstanceOf(IllegalStateException.class).hasMessage("task boom 7");
			assertThat(failed.scores()).containsEntry("exact", 0.0).containsEntry("flaky", 0.0);
		});
		assertThat(result.errorCount()).isEqualTo(4);
		// a throwing scorer and a NaN score are scorer errors; the other scorers still
		// ran
		EvalCaseResult scorerThrew = result.cases().get(THROWING_SCORER * 2);
		assertThat(scorerThrew.error()).isNull();
		assertThat(scorerThrew.scorerErrors()).containsOnlyKeys("flaky");
		assertThat(scorerThrew.scorerErrors().get("flaky")).contains("IllegalArgumentException: scorer boom");
		assertThat(scorerThrew.scores()).containsEntry("exact", 1.0)
			.containsEntry("scorer_1", 0.5)
			.containsEntry("flaky", 0.0)
			.containsEntry("multi_a", 1.0)
			.containsEntry("multi_b", 0.0);
		EvalCaseResult scorerNaN = result.cases().get(NAN_SCORER * 2 + 1);
		assertThat(scorerNaN.scorerErrors().get("flaky"))
			.contains("Score 'flaky' must be a number between 0 and 1, was NaN");
		// a good case
		EvalCaseResult good = result.cases().get(3 * 2 + 1);
		assertThat(good.output()).isEqualTo(6);
		assertThat(good.expected()).isEqualTo(6);
		assertThat(good.scores()).containsEntry("exact", 1.0).containsEntry("flaky", 1.0);
		assertThat(good.metadata()).containsEntry("index", 3).containsEntry("trial", 1);
		assertThat(good.tags()).containsExactly("even-false", "ran");
		// the summary: 100 cases; 20 wrong outputs, 4 failed tasks scored 0 by the
		// handler
		assertThat(result.summary().scores().get("exact").score()).isEqualTo(0.76);
		assertThat(result.summary().scores().get("flaky").score()).isEqualTo(0.92);
		assertThat(result.summary().scores().get("scorer_1").score()).isEqualTo(0.48);
		assertThat(result.summary().scores().get("exact").diff()).isNull();
		MetricSummary errors = result.summary().metrics().get("errors");
		assertThat(errors.metric()).isEqualTo(4L);
		assertThat(result.summary().comparisonExperimentName()).isNull();
		assertThat(result.location()).endsWith(".jsonl");
		// the task span was current on the task's thread
		assertThat(taskThreadSpans).hasSize(100).allSatisfy((pair) -> {
			String[] ids = pair.split("=");
			assertThat(ids[0]).isEqualTo(ids[1]);
		});

		// the experiment in the store
		List<StoredObject> experiments = this.support.experiments("doubling");
		assertThat(experiments).hasSize(1);
		JsonNode description = JsonMapper.builder()
			.build()
			.readTree(Files.readString(experiments.get(0)
				.rowsFile()
				.resolveSibling(experiments.get(0).rowsFile().getFileName().toString().replace(".jsonl", ".json"))));
		assertThat(description.path("name").asString()).isEqualTo(result.experimentName());
		assertThat(description.path("options").path("description").asString()).isEqualTo("doubling");
		assertThat(description.path("options").path("metadata").path("model").asString()).isEqualTo("doubler-1");
		assertThat(description.path("options").path("tags").get(0).asString()).isEqualTo("ci");
		List<ObjectNode> rows = this.support.rows(result.experiment());
		List<ObjectNode> roots = spans(rows, "eval");
		List<ObjectNode> tasks = spans(rows, "task");
		List<ObjectNode> scores = spans(rows, "score");
		assertThat(roots).hasSize(100).allSatisfy((root) -> {
			assertThat(root.path("span_parents").isNull()).isTrue();
			assertThat(root.path("span_attributes").path("name").asString()).isEqualTo("eval");
			assertThat(root.has("input")).isTrue();
			assertThat(root.has("expected")).isTrue();
			assertThat(root.path("metrics").has("end")).isTrue();
		});
		assertThat(tasks).hasSize(100);
		// 96 cases whose task succeeded, 4 scorers each
		assertThat(scores).hasSize(96 * 4).allSatisfy((score) -> {
			assertThat(score.path("span_attributes").path("purpose").asString()).isEqualTo("scorer");
			assertThat(score.path("input").has("input")).isTrue();
			assertThat(score.path("input").has("expected")).isTrue();
			assertThat(score.path("input").has("metadata")).isTrue();
			assertThat(score.path("input").has("output")).isTrue();
		});
		ObjectNode goodRoot = byId(roots, good.spanId());
		assertThat(goodRoot.path("output").asInt()).isEqualTo(6);
		assertThat(goodRoot.path("metadata").path("trial").asInt()).isOne();
		assertThat(goodRoot.path("tags").toString()).isEqualTo("[\"even-false\",\"ran\"]");
		assertThat(goodRoot.has("scores")).isFalse();
		ObjectNode goodTask = childOf(tasks, goodRoot);
		assertThat(goodTask.path("span_attributes").path("name").asString()).isEqualTo("task");
		assertThat(goodTask.path("input").asInt()).isEqualTo(3);
		assertThat(goodTask.path("output").asInt()).isEqualTo(6);
		ObjectNode inner = rows.stream()
			.filter((row) -> "inner-work".equals(row.path("span_attributes").path("name").asString(null)))
			.filter((row) -> row.path("root_span_id").asString().equals(good.rootSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(inner.path("span_parents").get(0).asString()).isEqualTo(goodTask.path("span_id").asString());
		ObjectNode exactSpan = scores.stream()
			.filter((row) -> row.path("root_span_id").asString().equals(good.rootSpanId()))
			.filter((row) -> "exact".equals(row.path("span_attributes").path("name").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(exactSpan.path("span_parents").get(0).asString()).isEqualTo(good.spanId());
		assertThat(exactSpan.path("output").toString()).isEqualTo("{\"score\":1.0}");
		assertThat(exactSpan.path("scores").toString()).isEqualTo("{\"exact\":1.0}");
		assertThat(exactSpan.path("input").path("output").asInt()).isEqualTo(6);
		ObjectNode multiSpan = scores.stream()
			.filter((row) -> row.path("root_span_id").asString().equals(good.rootSpanId()))
			.filter((row) -> "multi".equals(row.path("span_attributes").path("name").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(multiSpan.path("scores").toString()).isEqualTo("{\"multi_a\":1.0,\"multi_b\":0.0}");
		assertThat(multiSpan.path("output").path("multi_b").path("score").asDouble()).isZero();
		ObjectNode scorerErrorRoot = byId(roots, scorerThrew.spanId());
		assertThat(scorerErrorRoot.path("metadata").path("scorer_errors").path("flaky").asString())
			.contains("scorer boom");
		assertThat(scorerErrorRoot.path("scores").path("flaky").asDouble()).isZero();
		ObjectNode flakySpan = scores.stream()
			.filter((row) -> row.path("root_span_id").asString().equals(scorerThrew.rootSpanId()))
			.filter((row) -> "flaky".equals(row.path("span_attributes").path("name").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(flakySpan.path("error").asString()).contains("scorer boom");
		ObjectNode failedRoot = byId(roots, thrown.get(0).spanId());
		assertThat(failedRoot.path("error").asString()).startsWith("java.lang.IllegalStateException: task boom 7");
		assertThat(failedRoot.has("output")).isFalse();
		assertThat(failedRoot.path("scores").path("exact").asDouble()).isZero();
		assertThat(childOf(tasks, failedRoot).path("error").asString()).contains("task boom 7");
		ObjectNode timedOutRoot = byId(roots, timedOut.get(0).spanId());
		assertThat(childOf(tasks, timedOutRoot).path("error").asString()).contains("EvalCaseTimeoutException");
	}

	@Test
	@Timeout(30)
	void acceptsCompletableFutureAndMonoResults() {
		EvalDefinition<String, String> futures = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("a", "A"), EvalCase.of("b", "B")))
			.task((input) -> CompletableFuture.supplyAsync(() -> input.toUpperCase()))
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.build();
		EvalDefinition<String, String> monos = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("a", "A"), EvalCase.of("fail", "?")))
			.task((input) -> input.equals("fail") ? Mono.error(new IllegalStateException("mono boom"))
					: Mono.fromCallable(input::toUpperCase))
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.build();
		EvalRunner runner = this.support.runner().build();

		EvalResult futureResult = runner.run("futures", futures);
		EvalResult monoResult = runner.run("monos", monos);

		assertThat(futureResult.cases()).extracting(EvalCaseResult::output).containsExactly("A", "B");
		assertThat(futureResult.summary().scores().get("exact").score()).isEqualTo(1.0);
		assertThat(monoResult.cases().get(0).output()).isEqualTo("A");
		assertThat(monoResult.cases().get(1).error()).isInstanceOf(IllegalStateException.class).hasMessage("mono boom");
	}

	@Test
	@Timeout(30)
	void timesOutAsynchronousTasksAndCancelsThem() {
		CompletableFuture<String> never = new CompletableFuture<>();
		EvalDefinition<String, String> definition = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("slow", "x")))
			.task((input) -> never)
			.options((options) -> options.timeout(Duration.ofMillis(200)))
			.build();

		EvalResult result = this.support.runner().build().run("slow", definition);

		assertThat(result.cases().get(0).timedOut()).isTrue();
		assertThat(never).isCancelled();
	}

	@Test
	@Timeout(30)
	void rethrowsNothingWhenTheTaskThrowsAndKeepsTheSameExceptionObject() {
		RuntimeException failure = new RuntimeException("same object");
		EvalDefinition<String, String> definition = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("x", "y")))
			.task((input) -> {
				throw failure;
			})
			.scorers(Scorer.of("never", (args) -> {
				throw new AssertionError("scorers are skipped when the task fails");
			}))
			.build();

		EvalResult result = this.support.runner().build().run("throwing", definition);

		assertThat(result.cases().get(0).error()).isSameAs(failure);
		assertThat(result.cases().get(0).scores()).isEmpty();
		assertThat(result.cases().get(0).scorerErrors()).isEmpty();
	}

	@Test
	@Timeout(30)
	void scorerSpansTagLlmCallsAsScorerCalls() {
		EvalDefinition<String, String> definition = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("x", "y")))
			.task((input) -> input)
			.scorers(Scorer.of("judge", (args) -> {
				Span llm = CurrentSpan.get().startSpan("judge-call");
				try (SpanScope scope = llm.makeCurrent()) {
					llm.log(LogEvent.builder().output("yes").build());
				}
				finally {
					llm.end();
				}
				return 1.0;
			}))
			.build();

		EvalResult result = this.support.runner().build().run("judged", definition);

		ObjectNode call = this.support.rows(result.experiment())
			.stream()
			.filter((row) -> "judge-call".equals(row.path("span_attributes").path("name").asString(null)))
			.findFirst()
			.orElseThrow();
		assertThat(call.path("span_attributes").path("purpose").asString()).isEqualTo("scorer");
	}

	@Test
	void failsClearlyForAnUnknownEval() {
		EvalRunner runner = this.support.runner()
			.registry(new EvalRegistry(List.of(RegisteredEval.of("known",
					EvalDefinition.builder().data(EvalData.of()).task((input) -> input).build()))))
			.build();

		assertThatExceptionOfType(EvalException.class).isThrownBy(() -> runner.run("unknown"))
			.withMessageContaining("no eval named 'unknown'")
			.withMessageContaining("known");
	}

	@Test
	@Timeout(30)
	void failsClearlyWhenTheDataCannotBeRead() {
		EvalDefinition<Object, Object> definition = EvalDefinition.builder()
			.data(EvalData.jsonLines("classpath:evals/missing.jsonl"))
			.task((input) -> input)
			.build();

		assertThatExceptionOfType(EvalException.class)
			.isThrownBy(() -> this.support.runner().build().run("missing", definition))
			.withMessageContaining("evals/missing.jsonl was not found on the classpath");
	}

	@Test
	@Timeout(30)
	void appliesThresholdsFromTheRunnerOverTheEvalsOwn() {
		EvalDefinition<String, String> definition = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("a", "a"), EvalCase.of("b", "c")))
			.task((input) -> input)
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.options((options) -> options.thresholds(EvalThresholds.builder().minScore("exact", 0.4).build()))
			.build();

		EvalResult lenient = this.support.runner().build().run("thresholds", definition);
		EvalResult strict = this.support.runner()
			.thresholds("thresholds", EvalThresholds.builder().minScore("exact", 0.9).build())
			.build()
			.run("thresholds", definition);

		assertThat(lenient.passed()).isTrue();
		assertThat(strict.passed()).isFalse();
		assertThat(strict.thresholds().failures())
			.containsExactly("score 'exact' is 50.00%, below the minimum of 90.00%");
	}

	@Test
	@Timeout(30)
	void recordsGitInformationOnTheExperiment(@TempDir Path checkout) throws Exception {
		Path git = Files.createDirectories(checkout.resolve(".git"));
		Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
		Files.writeString(Files.createDirectories(git.resolve("refs/heads")).resolve("main"),
				"0123456789abcdef0123456789abcdef01234567\n");
		EvalDefinition<String, String> definition = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("a", "a")))
			.task((input) -> input)
			.build();
		EvalRunner runner = this.support.runner().workingDirectory(checkout).build();

		runner.run("detected", definition);
		runner.run("explicit", definition,
				EvalOptions.builder().repoInfo(Map.of("commit", "abc", "dirty", true)).build());
		runner.run("none", definition, EvalOptions.builder().collectGitMetadata(false).build());

		assertThat(repoInfo("detected").path("commit").asString())
			.isEqualTo("0123456789abcdef0123456789abcdef01234567");
		assertThat(repoInfo("detected").path("branch").asString()).isEqualTo("main");
		assertThat(repoInfo("explicit").path("commit").asString()).isEqualTo("abc");
		assertThat(repoInfo("explicit").path("dirty").asBoolean()).isTrue();
		assertThat(repoInfo("none").isMissingNode()).isTrue();
	}

	private JsonNode repoInfo(String project) {
		return this.support.experiments(project).get(0).ref().createOptions().path("repo_info");
	}

	private static List<EvalCaseResult> matching(EvalResult result, Predicate<EvalCaseResult> predicate) {
		return result.cases().stream().filter(predicate).toList();
	}

	private static List<ObjectNode> spans(List<ObjectNode> rows, String type) {
		return rows.stream()
			.filter((row) -> type.equals(row.path("span_attributes").path("type").asString(null)))
			.toList();
	}

	private static ObjectNode byId(List<ObjectNode> rows, String spanId) {
		return rows.stream().filter((row) -> spanId.equals(row.path("span_id").asString())).findFirst().orElseThrow();
	}

	private static ObjectNode childOf(List<ObjectNode> rows, ObjectNode parent) {
		String parentId = parent.path("span_id").asString();
		return rows.stream()
			.filter((row) -> row.path("span_parents").isArray()
					&& parentId.equals(row.path("span_parents").get(0).asString()))
			.findFirst()
			.orElseThrow();
	}

}

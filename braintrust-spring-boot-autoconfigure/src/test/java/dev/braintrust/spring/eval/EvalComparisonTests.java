package dev.braintrust.spring.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.eval.experiment.MetricSummary;
import dev.braintrust.spring.eval.experiment.ScoreSummary;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link EvalRunner}'s summaries against a base experiment, offline.
 *
 * @author Braintrust
 */
class EvalComparisonTests {

	@TempDir
	Path directory;

	private EvalTestSupport support;

	private final AtomicInteger runs = new AtomicInteger();

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
	void secondRunIsSummarizedAgainstTheFirst() {
		EvalRunner runner = this.support.runner()
			.registry(new EvalRegistry(
					List.of(new RegisteredEval("answers", "test", this::definition, EvalOptions.defaults()))))
			.build();

		EvalResult first = runner.run("answers");
		EvalResult second = runner.run("answers");

		assertThat(first.summary().comparisonExperimentName()).isNull();
		assertThat(first.summary().scores().get("exact").score()).isCloseTo(0.6, within(1e-9));
		ExperimentSummary summary = second.summary();
		assertThat(second.experimentName()).isNotEqualTo(first.experimentName());
		assertThat(summary.comparisonExperimentName()).isEqualTo(first.experimentName());
		// correct before: inputs 0-5; correct now: inputs 2-8
		ScoreSummary exact = summary.scores().get("exact");
		assertThat(exact.score()).isCloseTo(0.7, within(1e-9));
		assertThat(exact.diff()).isCloseTo(0.1, within(1e-9));
		assertThat(exact.improvements()).isEqualTo(3);
		assertThat(exact.regressions()).isEqualTo(2);
		// tokens doubled on every input but 0, the number of LLM calls did not change
		MetricSummary promptTokens = summary.metrics().get("prompt_tokens");
		assertThat(promptTokens.metric().doubleValue()).isCloseTo(9.0, within(1e-9));
		assertThat(promptTokens.diff()).isCloseTo(1.0, within(1e-9));
		assertThat(promptTokens.regressions()).isEqualTo(9);
		assertThat(promptTokens.improvements()).isZero();
		MetricSummary totalTokens = summary.metrics().get("total_tokens");
		assertThat(totalTokens.metric().doubleValue()).isCloseTo(10.0, within(1e-9));
		MetricSummary llmCalls = summary.metrics().get("llm_calls");
		assertThat(llmCalls.metric().doubleValue()).isEqualTo(1.0);
		assertThat(llmCalls.diff()).isZero();
		assertThat(llmCalls.improvements() + llmCalls.regressions()).isZero();
		// the scorer's own LLM call is not counted
		assertThat(summary.metrics().get("completion_tokens").metric().doubleValue()).isEqualTo(1.0);
		// the printed summary
		String printed = summary.toString();
		assertThat(printed).contains(second.experimentName() + " compared to " + first.experimentName() + ":")
			.contains("70.00% (+10.00%) 'exact' score\t(3 improvements, 2 regressions)")
			.contains("9.00tok (+100.00%) 'prompt_tokens'")
			.contains("See results for " + second.experimentName() + " at " + second.location());
		// the experiment records its base
		assertThat(this.support.experiments("answers").get(1).ref().createOptions().path("base_exp_id").asString())
			.isEqualTo(first.experiment().key());
	}

	@Test
	@Timeout(60)
	void baseExperimentChangedAfterItsRunIsReadAgain() throws IOException {
		EvalRunner runner = this.support.runner()
			.registry(new EvalRegistry(
					List.of(new RegisteredEval("answers", "test", this::definition, EvalOptions.defaults()))))
			.build();
		EvalResult first = runner.run("answers");
		// delete the trace of input 0 from the first experiment after it was summarized
		List<ObjectNode> rows = this.support.rows(first.experiment());
		String rootSpanId = rows.stream()
			.filter((row) -> row.path("span_attributes").path("type").asString("").equals("eval"))
			.filter((row) -> row.path("input").asInt(-1) == 0)
			.map((row) -> row.path("root_span_id").asString())
			.findFirst()
			.orElseThrow();
		StringBuilder deletes = new StringBuilder();
		rows.stream()
			.filter((row) -> row.path("root_span_id").asString("").equals(rootSpanId))
			.forEach((row) -> deletes.append("{\"id\":\"")
				.append(row.path("id").asString())
				.append("\",\"_object_delete\":true}\n"));
		Files.writeString(this.support.store.rowsFile(first.experiment()), deletes, StandardOpenOption.APPEND);

		EvalResult second = runner.run("answers");

		// correct before: inputs 1-5 (input 0 is gone); correct now: inputs 2-8
		ScoreSummary exact = second.summary().scores().get("exact");
		assertThat(exact.improvements()).isEqualTo(3);
		assertThat(exact.regressions()).isEqualTo(1);
	}

	@Test
	@Timeout(60)
	void maximumRegressionsFailsTheSecondRun() {
		EvalRunner runner = this.support.runner()
			.registry(new EvalRegistry(
					List.of(new RegisteredEval("answers", "test", this::definition, EvalOptions.defaults()))))
			.thresholds("answers", EvalThresholds.builder().maxRegressions(1).build())
			.build();

		EvalResult first = runner.run("answers");
		EvalResult second = runner.run("answers");

		assertThat(first.passed()).isTrue();
		assertThat(second.passed()).isFalse();
		assertThat(second.thresholds().failures())
			.containsExactly("2 regression(s) against " + first.experimentName() + ", more than the maximum of 1");
	}

	@Test
	@Timeout(60)
	void comparesWithAnExplicitBaseExperimentByName() {
		EvalRunner runner = this.support.runner()
			.registry(new EvalRegistry(
					List.of(new RegisteredEval("answers", "test", this::definition, EvalOptions.defaults()))))
			.build();
		EvalResult first = runner.run("answers", EvalOptions.builder().experimentName("baseline").build());
		runner.run("answers");

		EvalResult third = runner.run("answers", EvalOptions.builder().baseExperimentName("baseline").build());

		assertThat(third.summary().comparisonExperimentName()).isEqualTo(first.experimentName());
	}

	@Test
	@Timeout(60)
	void summarizeScoresOffSkipsTheComparison() {
		EvalRunner runner = this.support.runner()
			.registry(new EvalRegistry(
					List.of(new RegisteredEval("answers", "test", this::definition, EvalOptions.defaults()))))
			.build();
		runner.run("answers");

		EvalResult second = runner.run("answers", EvalOptions.builder().summarizeScores(false).build());

		assertThat(second.summary().comparisonExperimentName()).isNull();
		assertThat(second.summary().scores().get("exact").diff()).isNull();
	}

	private EvalDefinition<Integer, String> definition() {
		int run = this.runs.incrementAndGet();
		List<EvalCase<Integer, String>> cases = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			cases.add(EvalCase.of(i, "ok"));
		}
		return EvalDefinition.<Integer, String>builder().data(EvalData.of(cases)).task((input) -> {
			int tokens = (run == 1) ? input : input * 2;
			Span llm = CurrentSpan.get()
				.startSpan(SpanOptions.named("chat")
					.type(SpanType.LLM)
					.event(LogEvent.builder()
						.metric("prompt_tokens", tokens)
						.metric("completion_tokens", 1)
						.metric("tokens", tokens + 1)
						.build())
					.build());
			llm.end();
			boolean correct = (run == 1) ? input < 6 : (input >= 2 && input < 9);
			return correct ? "ok" : "wrong";
		}).scorers(Scorer.of("exact", (args) -> {
			Span judge = CurrentSpan.get()
				.startSpan(SpanOptions.named("judge")
					.type(SpanType.LLM)
					.event(LogEvent.builder().metric("prompt_tokens", 100).metric("completion_tokens", 50).build())
					.build());
			judge.end();
			return Objects.equals(args.output(), args.expected());
		})).build();
	}

}

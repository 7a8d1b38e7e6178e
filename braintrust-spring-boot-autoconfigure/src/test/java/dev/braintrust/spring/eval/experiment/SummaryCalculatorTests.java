package dev.braintrust.spring.eval.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SummaryCalculator}.
 *
 * @author Braintrust
 */
class SummaryCalculatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void scoreMeanIgnoresCasesWithoutTheScoreOrWithANullScore() {
		Map<String, @Nullable Double> notApplicable = new HashMap<>();
		notApplicable.put("exact", null);
		List<CaseRecord> current = List.of(record("\"a\"", Map.of("exact", 1.0)), record("\"b\"", Map.of("exact", 0.0)),
				record("\"c\"", notApplicable), record("\"d\"", Map.of("other", 1.0)));

		Map<String, ScoreSummary> scores = SummaryCalculator.scores(current, null);

		assertThat(scores).containsOnlyKeys("exact", "other");
		assertThat(scores.get("exact")).isEqualTo(new ScoreSummary("exact", 0.5, null, 0, 0));
	}

	@Test
	void casesAreMatchedByInputWhateverTheFieldOrderAndNumberFormat() {
		List<CaseRecord> base = List.of(record("{\"q\":1,\"lang\":\"en\"}", Map.of("exact", 0.0)),
				record("{\"q\":2}", Map.of("exact", 1.0)), record("{\"q\":3}", Map.of("exact", 1.0)));
		List<CaseRecord> current = List.of(record("{\"lang\":\"en\",\"q\":1.0}", Map.of("exact", 1.0)),
				record("{\"q\":2}", Map.of("exact", 0.0)), record("{\"q\":3}", Map.of("exact", 1.0)),
				record("{\"q\":4}", Map.of("exact", 0.0)));

		ScoreSummary exact = SummaryCalculator.scores(current, base).get("exact");

		assertThat(exact.score()).isEqualTo(0.5);
		assertThat(exact.diff()).isCloseTo(0.5 - 2.0 / 3, within(1e-9));
		assertThat(exact.improvements()).isOne();
		assertThat(exact.regressions()).isOne();
	}

	@Test
	void trialsOfOneInputAreAveragedBeforeComparing() {
		List<CaseRecord> base = List.of(record("\"x\"", Map.of("s", 1.0)), record("\"x\"", Map.of("s", 0.0)));
		List<CaseRecord> same = List.of(record("\"x\"", Map.of("s", 0.0)), record("\"x\"", Map.of("s", 1.0)));
		List<CaseRecord> better = List.of(record("\"x\"", Map.of("s", 1.0)), record("\"x\"", Map.of("s", 1.0)));

		assertThat(SummaryCalculator.scores(same, base).get("s").improvements()).isZero();
		assertThat(SummaryCalculator.scores(better, base).get("s").improvements()).isOne();
	}

	@Test
	void metricsAreMeansPerCaseErrorsACountAndLowerIsBetter() {
		List<CaseRecord> base = List.of(new CaseRecord(json("1"), Map.of(), 2.0, 1, 10, 5, 15, false),
				new CaseRecord(json("2"), Map.of(), 2.0, 1, 10, 5, 15, true));
		List<CaseRecord> current = List.of(new CaseRecord(json("1"), Map.of(), 1.0, 2, 30, 5, 35, false),
				new CaseRecord(json("2"), Map.of(), 3.0, 1, 10, 5, 15, false));

		Map<String, MetricSummary> metrics = SummaryCalculator.metrics(current, base);

		assertThat(metrics).containsOnlyKeys("duration", "llm_calls", "prompt_tokens", "completion_tokens",
				"total_tokens", "errors");
		MetricSummary duration = metrics.get("duration");
		assertThat(duration.metric().doubleValue()).isEqualTo(2.0);
		assertThat(duration.unit()).isEqualTo("s");
		assertThat(duration.diff()).isZero();
		assertThat(duration.improvements()).isOne();
		assertThat(duration.regressions()).isOne();
		MetricSummary prompt = metrics.get("prompt_tokens");
		assertThat(prompt.metric().doubleValue()).isEqualTo(20.0);
		assertThat(prompt.diff()).isEqualTo(1.0);
		assertThat(prompt.regressions()).isOne();
		MetricSummary errors = metrics.get("errors");
		assertThat(errors.metric()).isEqualTo(0L);
		assertThat(errors.diff()).isEqualTo(-1.0);
		assertThat(errors.improvements()).isOne();
	}

	@Test
	void withoutLlmMetricsOnlyDurationAndErrorsAreSummarized() {
		List<CaseRecord> current = List.of(new CaseRecord(json("1"), Map.of(), 1.0, 0, 0, 0, 0, false));

		assertThat(SummaryCalculator.metrics(current, null, false)).containsOnlyKeys("duration", "errors");
	}

	@Test
	void aMetricWithAZeroBaseHasNoRelativeDiff() {
		List<CaseRecord> base = List.of(new CaseRecord(json("1"), Map.of(), 1.0, 0, 0, 0, 0, false));
		List<CaseRecord> current = List.of(new CaseRecord(json("1"), Map.of(), 1.0, 1, 10, 0, 10, true));

		Map<String, MetricSummary> metrics = SummaryCalculator.metrics(current, base);

		assertThat(metrics.get("llm_calls").diff()).isNull();
		assertThat(metrics.get("errors").diff()).isNull();
		assertThat(metrics.get("errors").regressions()).isOne();
	}

	@Test
	void readsCasesFromMergedRows() {
		String rows = """
				{"id":"r1","span_id":"s1","root_span_id":"t1","span_parents":null,"input":{"q":1},"error":"boom","metrics":{"start":10.0,"end":12.5},"span_attributes":{"type":"eval"},"scores":{"handled":0}}
				{"id":"r2","span_id":"s2","root_span_id":"t1","span_parents":["s1"],"span_attributes":{"type":"score","purpose":"scorer"},"scores":{"exact":1}}
				{"id":"r3","span_id":"s3","root_span_id":"t1","span_parents":["s1"],"span_attributes":{"type":"llm"},"metrics":{"prompt_tokens":7,"completion_tokens":3}}
				{"id":"r4","span_id":"s4","root_span_id":"t1","span_parents":["s2"],"span_attributes":{"type":"llm","purpose":"scorer"},"metrics":{"prompt_tokens":100,"completion_tokens":1,"tokens":101}}
				{"id":"c1","origin":{"id":"r1"},"comment":{"text":"no span ids"}}
				""";
		List<tools.jackson.databind.node.ObjectNode> nodes = rows.lines()
			.map((line) -> (tools.jackson.databind.node.ObjectNode) json(line))
			.toList();

		List<CaseRecord> records = CaseRecords.fromRows(nodes);

		assertThat(records).hasSize(1);
		CaseRecord record = records.get(0);
		assertThat(record.input().toString()).isEqualTo("{\"q\":1}");
		assertThat(record.scores()).containsEntry("handled", 0.0).containsEntry("exact", 1.0);
		assertThat(record.durationSeconds()).isEqualTo(2.5);
		assertThat(record.llmCalls()).isOne();
		assertThat(record.promptTokens()).isEqualTo(7);
		assertThat(record.totalTokens()).isEqualTo(10);
		assertThat(record.error()).isTrue();
	}

	private static CaseRecord record(String input, Map<String, @Nullable Double> scores) {
		return new CaseRecord(json(input), scores, 1.0, 0, 0, 0, 0, false);
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}

package dev.braintrust.spring.eval.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExperimentSummary} and {@link SummaryFormatter}.
 *
 * @author Braintrust
 */
class ExperimentSummaryTests {

	@Test
	void printsLikeThePythonSdkWithAComparison() {
		Map<String, ScoreSummary> scores = new LinkedHashMap<>();
		scores.put("exact", new ScoreSummary("exact", 0.75, 0.25, 2, 0));
		scores.put("relevance", new ScoreSummary("relevance", 0.05, -0.1, 0, 3));
		scores.put("same", new ScoreSummary("same", 1.0, 0.0, 0, 0));
		Map<String, MetricSummary> metrics = new LinkedHashMap<>();
		metrics.put("duration", new MetricSummary("duration", 1.23456, "s", -0.1, 3, 1));
		metrics.put("errors", new MetricSummary("errors", 2L, "", null, 0, 0));
		ExperimentSummary summary = new ExperimentSummary("p", null, "id", "exp-2", null, "https://example.test/exp-2",
				"exp-1", scores, metrics);

		assertThat(summary.toString()).isEqualTo("""

				=========================SUMMARY=========================
				exp-2 compared to exp-1:
				75.00% (+25.00%) 'exact'     score\t(2 improvements, 0 regressions)
				05.00% (-10.00%) 'relevance' score\t(0 improvements, 3 regressions)
				100.00% (-) 'same'      score\t(0 improvements, 0 regressions)

				1.23s (-10.00%) 'duration'\t(3 improvements, 1 regressions)
				2 errors

				See results for exp-2 at https://example.test/exp-2""");
	}

	@Test
	void printsWithoutAComparison() {
		ExperimentSummary summary = new ExperimentSummary("p", null, null, "exp-1", null, null, null,
				Map.of("exact", new ScoreSummary("exact", 1.0, null, 0, 0)), Map.of());

		assertThat(summary.toString())
			.isEqualTo("\n=========================SUMMARY=========================\n100.00% 'exact' score\n\n");
	}

	@Test
	void readsBraintrustsSummarizeResponseAndWritesItBack() {
		String response = """
				{"project_name":"simple-math-eval","experiment_name":"exp-2",
				 "project_url":"https://www.braintrust.dev/app/org/p/simple-math-eval",
				 "experiment_url":"https://www.braintrust.dev/app/org/p/simple-math-eval/experiments/exp-2",
				 "comparison_experiment_name":"exp-1",
				 "scores":{"scorer":{"name":"scorer","score":1,"diff":0.5,"improvements":1,"regressions":0}},
				 "metrics":{"llm_calls":{"name":"llm_calls","metric":0,"unit":"","improvements":0,"regressions":0},
				  "duration":{"name":"duration","metric":0.0010584592819213867,"unit":"s","improvements":0,"regressions":0}}}
				""";

		ExperimentSummary summary = ExperimentSummary.fromJson(JsonMapper.builder().build().readTree(response),
				"project-id", "experiment-id");

		assertThat(summary.comparisonExperimentName()).isEqualTo("exp-1");
		assertThat(summary.scores().get("scorer")).isEqualTo(new ScoreSummary("scorer", 1.0, 0.5, 1, 0));
		assertThat(summary.metrics().get("llm_calls").metric()).isEqualTo(0L);
		assertThat(summary.metrics().get("duration").diff()).isNull();
		assertThat(summary.toJson().path("experiment_id").asString()).isEqualTo("experiment-id");
		assertThat(summary.toJson().path("scores").path("scorer").path("diff").asDouble()).isEqualTo(0.5);
		assertThat(summary.toJson().path("metrics").path("llm_calls").path("metric").isIntegralNumber()).isTrue();
		assertThat(summary.toJson().path("metrics").path("duration").has("diff")).isFalse();
	}

}

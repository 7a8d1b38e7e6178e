package dev.braintrust.spring.eval.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Summary of an experiment: its scores and metrics, compared with a base experiment when
 * there is one (Braintrust's {@code ExperimentSummary} and the response of {@code GET
 * /v1/experiment/{id}/summarize}). {@link #toString()} prints it as the official Python
 * SDK does.
 *
 * @param projectName the project
 * @param projectId the project id, if known
 * @param experimentId the experiment id, if known
 * @param experimentName the experiment name
 * @param projectUrl where to see the project, if known
 * @param experimentUrl where to see the experiment: a Braintrust URL or a local file
 * @param comparisonExperimentName the base experiment's name, or null without a
 * comparison
 * @param scores the score summaries by name
 * @param metrics the metric summaries by name
 * @author Braintrust
 * @since 0.1.0
 */
public record ExperimentSummary(String projectName, @Nullable String projectId, @Nullable String experimentId,
		String experimentName, @Nullable String projectUrl, @Nullable String experimentUrl,
		@Nullable String comparisonExperimentName, Map<String, ScoreSummary> scores,
		Map<String, MetricSummary> metrics) {

	/**
	 * Create a summary, copying the maps.
	 * @param projectName the project
	 * @param projectId the project id
	 * @param experimentId the experiment id
	 * @param experimentName the experiment name
	 * @param projectUrl the project URL
	 * @param experimentUrl the experiment URL
	 * @param comparisonExperimentName the base experiment's name
	 * @param scores the score summaries
	 * @param metrics the metric summaries
	 */
	public ExperimentSummary {
		scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
		metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
	}

	/**
	 * Read Braintrust's {@code SummarizeExperimentResponse}.
	 * @param json the response body
	 * @param projectId the project id, which the response does not hold
	 * @param experimentId the experiment id, which the response does not hold
	 * @return the summary
	 */
	public static ExperimentSummary fromJson(JsonNode json, @Nullable String projectId, @Nullable String experimentId) {
		Map<String, ScoreSummary> scores = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : json.path("scores").properties()) {
			JsonNode score = entry.getValue();
			scores.put(entry.getKey(),
					new ScoreSummary(score.path("name").asString(entry.getKey()), score.path("score").asDouble(0),
							optionalDouble(score.get("diff")), score.path("improvements").asInt(0),
							score.path("regressions").asInt(0)));
		}
		Map<String, MetricSummary> metrics = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : json.path("metrics").properties()) {
			JsonNode metric = entry.getValue();
			JsonNode value = metric.path("metric");
			Number number = (value.isIntegralNumber()) ? (Number) value.longValue() : (Number) value.asDouble(0);
			metrics.put(entry.getKey(),
					new MetricSummary(metric.path("name").asString(entry.getKey()), number,
							metric.path("unit").asString(""), optionalDouble(metric.get("diff")),
							metric.path("improvements").asInt(0), metric.path("regressions").asInt(0)));
		}
		return new ExperimentSummary(json.path("project_name").asString(""), projectId, experimentId,
				json.path("experiment_name").asString(""), json.path("project_url").asString(null),
				json.path("experiment_url").asString(null), json.path("comparison_experiment_name").asString(null),
				scores, metrics);
	}

	/**
	 * This summary in the shape of Braintrust's {@code ExperimentSummary}.
	 * @return the JSON form
	 */
	public ObjectNode toJson() {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("project_name", this.projectName);
		putIfSet(json, "project_id", this.projectId);
		putIfSet(json, "experiment_id", this.experimentId);
		json.put("experiment_name", this.experimentName);
		putIfSet(json, "project_url", this.projectUrl);
		putIfSet(json, "experiment_url", this.experimentUrl);
		putIfSet(json, "comparison_experiment_name", this.comparisonExperimentName);
		ObjectNode scoresNode = json.putObject("scores");
		this.scores.forEach((name, score) -> {
			ObjectNode node = scoresNode.putObject(name);
			node.put("name", score.name());
			node.put("score", score.score());
			if (score.diff() != null) {
				node.put("diff", score.diff());
			}
			node.put("improvements", score.improvements());
			node.put("regressions", score.regressions());
		});
		ObjectNode metricsNode = json.putObject("metrics");
		this.metrics.forEach((name, metric) -> {
			ObjectNode node = metricsNode.putObject(name);
			node.put("name", metric.name());
			if (metric.metric() instanceof Long || metric.metric() instanceof Integer) {
				node.put("metric", metric.metric().longValue());
			}
			else {
				node.put("metric", metric.metric().doubleValue());
			}
			node.put("unit", metric.unit());
			if (metric.diff() != null) {
				node.put("diff", metric.diff());
			}
			node.put("improvements", metric.improvements());
			node.put("regressions", metric.regressions());
		});
		return json;
	}

	/**
	 * The summary as the Python SDK prints it.
	 * @return the printed summary
	 */
	@Override
	public String toString() {
		return SummaryFormatter.format(this);
	}

	private static void putIfSet(ObjectNode json, String name, @Nullable String value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	private static @Nullable Double optionalDouble(@Nullable JsonNode node) {
		return (node != null && node.isNumber()) ? node.doubleValue() : null;
	}

}

package dev.braintrust.spring.eval.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.braintrust.spring.export.BraintrustApiClient;
import dev.braintrust.spring.export.BraintrustApiException;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.export.RemotePermalinkResolver;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Summarizes an experiment with Braintrust's {@code GET
 * /v1/experiment/{id}/summarize?summarize_scores=true&comparison_experiment_id=<base
 * id>}, once the runner has flushed its rows. The experiment's id comes from the
 * {@link HttpLogExporter}, which registered it with the first rows (or registers it now,
 * for a run without rows). The summary links to the experiment's page in the Braintrust
 * app, {@code {app_url}/app/{org}/p/{project}/experiments/{name}}.
 * <p>
 * Without a base experiment in the request (none found, or {@code summarizeScores} off),
 * the summary has no comparison, even if Braintrust picked one on its own.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RemoteExperimentSummarizer implements ExperimentSummarizer {

	private final HttpLogExporter exporter;

	private final BraintrustApiClient client;

	/**
	 * Create a summarizer.
	 * @param exporter the exporter the experiment's rows went through
	 */
	public RemoteExperimentSummarizer(HttpLogExporter exporter) {
		this.exporter = exporter;
		this.client = exporter.apiClient();
	}

	/**
	 * Summarize an experiment.
	 * @param request the experiment and its base
	 * @return the summary
	 * @throws BraintrustApiException when Braintrust cannot be read
	 */
	@Override
	public ExperimentSummary summarize(SummaryRequest request) {
		ObjectRef experiment = request.experiment();
		String id = this.exporter.resolve(experiment);
		ExperimentInfo comparison = request.comparison();
		Map<String, @Nullable Object> query = new LinkedHashMap<>();
		query.put("summarize_scores", true);
		query.put("comparison_experiment_id", (comparison != null) ? comparison.id() : null);
		JsonNode answer = this.client.get("/v1/experiment/" + BraintrustApiClient.pathSegment(id) + "/summarize",
				query);
		ExperimentSummary summary = ExperimentSummary.fromJson(answer, this.exporter.projectId(experiment), id);
		if (comparison == null) {
			summary = withoutComparison(summary);
		}
		String name = summary.experimentName().isEmpty() ? experiment.name() : summary.experimentName();
		RemotePermalinkResolver links = this.exporter.permalinks();
		String projectUrl = links.projectUrl(experiment.projectName());
		String experimentUrl = links.objectUrl(ObjectType.EXPERIMENT, experiment.projectName(), name);
		return new ExperimentSummary(experiment.projectName(), summary.projectId(), id, name,
				(projectUrl != null) ? projectUrl : summary.projectUrl(),
				(experimentUrl != null) ? experimentUrl : summary.experimentUrl(), summary.comparisonExperimentName(),
				summary.scores(), summary.metrics());
	}

	private static ExperimentSummary withoutComparison(ExperimentSummary summary) {
		Map<String, ScoreSummary> scores = new LinkedHashMap<>();
		summary.scores()
			.forEach((name, score) -> scores.put(name, new ScoreSummary(score.name(), score.score(), null, 0, 0)));
		Map<String, MetricSummary> metrics = new LinkedHashMap<>();
		summary.metrics()
			.forEach((name, metric) -> metrics.put(name,
					new MetricSummary(metric.name(), metric.metric(), metric.unit(), null, 0, 0)));
		return new ExperimentSummary(summary.projectName(), summary.projectId(), summary.experimentId(),
				summary.experimentName(), summary.projectUrl(), summary.experimentUrl(), null, scores, metrics);
	}

	@Override
	public String toString() {
		return "RemoteExperimentSummarizer[" + this.client.baseUrl() + "]";
	}

}

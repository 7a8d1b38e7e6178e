package dev.braintrust.spring.eval.experiment;

/**
 * Summarizes an experiment once its run has finished and its rows have been flushed.
 * <ul>
 * <li>{@link LocalExperimentSummarizer} computes the summary from the local store.</li>
 * <li>{@link InMemoryExperimentSummarizer} computes it from what the runner saw, for
 * backends that cannot be read back.</li>
 * <li>A summarizer backed by Braintrust calls {@code GET
 * /v1/experiment/{id}/summarize?summarize_scores=true&comparison_experiment_id=<base id>}
 * and reads the response with
 * {@link ExperimentSummary#fromJson(tools.jackson.databind.JsonNode, String, String)}.</li>
 * </ul>
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExperimentSummarizer {

	/**
	 * Summarize an experiment.
	 * @param request the experiment, its base and the run's cases
	 * @return the summary
	 */
	ExperimentSummary summarize(SummaryRequest request);

}

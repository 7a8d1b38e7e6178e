package dev.braintrust.spring.eval.experiment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Summarizes an experiment from the cases the runner saw (scores, durations, errors; no
 * LLM calls or tokens, which other code logs), compared with a base read from a catalog
 * when one is available.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class InMemoryExperimentSummarizer implements ExperimentSummarizer {

	private final @Nullable ExperimentCatalog catalog;

	/**
	 * Create a summarizer.
	 * @param catalog the catalog to read the base experiment from, or null to summarize
	 * without a comparison
	 */
	public InMemoryExperimentSummarizer(@Nullable ExperimentCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public ExperimentSummary summarize(SummaryRequest request) {
		ExperimentInfo comparison = (this.catalog != null) ? request.comparison() : null;
		List<CaseRecord> base = (comparison != null && this.catalog != null)
				? CaseRecords.fromRows(this.catalog.readRows(comparison)) : null;
		List<CaseRecord> current = request.runRecords();
		return new ExperimentSummary(request.experiment().projectName(), request.experiment().projectId(), null,
				request.experiment().name(), null, request.location(), (comparison != null) ? comparison.name() : null,
				SummaryCalculator.scores(current, base), SummaryCalculator.metrics(current, base, false));
	}

}

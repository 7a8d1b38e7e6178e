package dev.braintrust.spring.eval.experiment;

import java.nio.file.Path;
import java.util.List;

import dev.braintrust.spring.store.LocalStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Summarizes an experiment from its rows in the {@link LocalStore}, compared with a base
 * experiment of the same store, as Braintrust would: scores from every span of each
 * trace, LLM calls and tokens from the LLM spans (scorers' own calls excluded), duration
 * and errors from the root spans.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class LocalExperimentSummarizer implements ExperimentSummarizer {

	private final LocalStore store;

	private final ExperimentCatalog catalog;

	/**
	 * Create a summarizer.
	 * @param store the store
	 * @param catalog the catalog of the same store, to read base experiments
	 */
	public LocalExperimentSummarizer(LocalStore store, ExperimentCatalog catalog) {
		this.store = store;
		this.catalog = catalog;
	}

	@Override
	public ExperimentSummary summarize(SummaryRequest request) {
		List<ObjectNode> rows = this.store.readMergedRows(request.experiment());
		List<CaseRecord> current = CaseRecords.fromRows(rows);
		boolean fromStore = true;
		if (current.isEmpty() && !request.runRecords().isEmpty()) {
			// nothing reached the store (a disabled or failing pipeline): summarize what
			// ran
			current = request.runRecords();
			fromStore = false;
		}
		ExperimentInfo comparison = request.comparison();
		List<CaseRecord> base = (comparison != null) ? CaseRecords.fromRows(this.catalog.readRows(comparison)) : null;
		Path rowsFile = this.store.rowsFile(request.experiment());
		Path projectDirectory = rowsFile.getParent().getParent();
		return new ExperimentSummary(request.experiment().projectName(), request.experiment().projectId(),
				request.experiment().key(), request.experiment().name(), projectDirectory.toString(),
				rowsFile.toString(), (comparison != null) ? comparison.name() : null,
				SummaryCalculator.scores(current, base), SummaryCalculator.metrics(current, base, fromStore));
	}

}

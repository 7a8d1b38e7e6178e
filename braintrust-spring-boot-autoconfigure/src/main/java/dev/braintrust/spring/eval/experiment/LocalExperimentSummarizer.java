package dev.braintrust.spring.eval.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import dev.braintrust.spring.store.LocalStore;
import org.jspecify.annotations.Nullable;
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

	// The experiment summarized last, which the next run usually compares with: its cases
	// are reused while its file is unchanged, rather than read and merged again.
	private volatile @Nullable Summarized last;

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
		Path rowsFile = this.store.rowsFile(request.experiment());
		// taken before reading, so that rows written meanwhile invalidate what is kept
		FileState state = FileState.of(rowsFile);
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
		List<CaseRecord> base = (comparison != null) ? baseRecords(comparison) : null;
		if (fromStore && state != null) {
			this.last = new Summarized(request.experiment().key(), rowsFile, state, current);
		}
		Path projectDirectory = rowsFile.getParent().getParent();
		return new ExperimentSummary(request.experiment().projectName(), request.experiment().projectId(),
				request.experiment().key(), request.experiment().name(), projectDirectory.toString(),
				rowsFile.toString(), (comparison != null) ? comparison.name() : null,
				SummaryCalculator.scores(current, base), SummaryCalculator.metrics(current, base, fromStore));
	}

	private List<CaseRecord> baseRecords(ExperimentInfo comparison) {
		Summarized summarized = this.last;
		if (summarized != null && summarized.experimentId().equals(comparison.id())
				&& summarized.state().equals(FileState.of(summarized.rowsFile()))) {
			return summarized.records();
		}
		return CaseRecords.fromRows(this.catalog.readRows(comparison));
	}

	private record Summarized(String experimentId, Path rowsFile, FileState state, List<CaseRecord> records) {
	}

	private record FileState(long size, FileTime modified) {

		static @Nullable FileState of(Path file) {
			try {
				return new FileState(Files.size(file), Files.getLastModifiedTime(file));
			}
			catch (IOException ex) {
				return null;
			}
		}

	}

}

package dev.braintrust.spring.eval.experiment;

import java.util.List;

import dev.braintrust.spring.logger.ObjectRef;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ExperimentSummarizer} is asked to summarize.
 *
 * @param experiment the experiment the run wrote to
 * @param comparison the base experiment to compare with, or null for none
 * @param runRecords the run's cases as the runner saw them, for summarizers that cannot
 * read the experiment back
 * @param location where to see the experiment, if the runner knows it
 * @author Braintrust
 * @since 0.1.0
 */
public record SummaryRequest(ObjectRef experiment, @Nullable ExperimentInfo comparison, List<CaseRecord> runRecords,
		@Nullable String location) {

	/**
	 * Create a request, copying the records.
	 * @param experiment the experiment
	 * @param comparison the base experiment
	 * @param runRecords the run's cases
	 * @param location the location
	 */
	public SummaryRequest {
		runRecords = List.copyOf(runRecords);
	}

}

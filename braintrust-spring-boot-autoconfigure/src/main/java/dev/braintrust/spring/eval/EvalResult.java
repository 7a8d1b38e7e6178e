package dev.braintrust.spring.eval;

import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.logger.ObjectRef;
import org.jspecify.annotations.Nullable;

/**
 * The result of running an eval: the experiment it wrote, its summary, the outcome of its
 * thresholds and every case.
 *
 * @param evalName the eval
 * @param experiment the experiment the run wrote to
 * @param location where to see the experiment: a local file or a Braintrust URL
 * @param summary the summary, compared with the base experiment when there is one
 * @param thresholds the outcome of the eval's thresholds
 * @param cases every case and trial, in data order
 * @param datasetId the dataset the cases came from, or null
 * @param datasetVersion the dataset version the run read, or null
 * @param duration how long the run took
 * @author Braintrust
 * @since 0.1.0
 */
public record EvalResult(String evalName, ObjectRef experiment, @Nullable String location, ExperimentSummary summary,
		ThresholdResult thresholds, List<EvalCaseResult> cases, @Nullable String datasetId,
		@Nullable String datasetVersion, Duration duration) {

	/**
	 * Create a result, copying the cases.
	 * @param evalName the eval
	 * @param experiment the experiment
	 * @param location the location
	 * @param summary the summary
	 * @param thresholds the threshold outcome
	 * @param cases the cases
	 * @param datasetId the dataset id
	 * @param datasetVersion the dataset version
	 * @param duration the duration
	 */
	public EvalResult {
		cases = List.copyOf(cases);
	}

	/**
	 * Whether the run met its thresholds. Failed cases count only through the scores and
	 * regressions they cause.
	 * @return true when every threshold held
	 */
	public boolean passed() {
		return this.thresholds.passed();
	}

	/**
	 * The number of cases (trials included) whose task failed or timed out.
	 * @return the error count
	 */
	public long errorCount() {
		return this.cases.stream().filter(EvalCaseResult::failed).count();
	}

	/**
	 * The experiment's name.
	 * @return the name
	 */
	public String experimentName() {
		return this.experiment.name();
	}

}

package dev.braintrust.spring.eval;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The cases of an eval, read by {@link EvalData#load}, and the dataset version they came
 * from, which the experiment records.
 *
 * @param cases the cases
 * @param datasetId the dataset the cases were read from, or null
 * @param datasetVersion the dataset version read, or null
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 * @since 0.1.0
 */
public record LoadedEvalData<I, O>(List<EvalCase<I, O>> cases, @Nullable String datasetId,
		@Nullable String datasetVersion) {

	/**
	 * Create loaded data, copying the cases.
	 * @param cases the cases
	 * @param datasetId the dataset id
	 * @param datasetVersion the dataset version
	 */
	public LoadedEvalData {
		cases = List.copyOf(cases);
	}

	/**
	 * Cases that did not come from a dataset.
	 * @param cases the cases
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the loaded data
	 */
	public static <I, O> LoadedEvalData<I, O> of(List<EvalCase<I, O>> cases) {
		return new LoadedEvalData<>(cases, null, null);
	}

}

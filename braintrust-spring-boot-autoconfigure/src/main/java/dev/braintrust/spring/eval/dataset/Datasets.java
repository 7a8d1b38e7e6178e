package dev.braintrust.spring.eval.dataset;

/**
 * Opens datasets, creating them on first use: Braintrust's {@code init_dataset}.
 * {@link LocalDatasets} keeps them in the local store; with an API key, an implementation
 * backed by Braintrust's {@code /v1/dataset} API takes its place.
 *
 * <pre class="code">
 * Dataset golden = datasets.open("golden-questions");
 * golden.insert(DatasetRow.of("How do I reset my password?", "Use the account recovery flow."));
 * </pre>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface Datasets {

	/**
	 * Open a dataset of the default project at its latest version.
	 * @param name the dataset name
	 * @return the dataset
	 */
	default Dataset open(String name) {
		return open(DatasetOptions.named(name));
	}

	/**
	 * Open a dataset.
	 * @param options the project, name, version to read, description and metadata
	 * @return the dataset
	 */
	Dataset open(DatasetOptions options);

}

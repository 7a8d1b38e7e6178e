package dev.braintrust.spring.eval.dataset;

import dev.braintrust.spring.export.BraintrustApiException;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;

/**
 * Datasets in Braintrust. Opening one registers it with {@code POST /v1/dataset}
 * (get-or-create by name, through the {@link HttpLogExporter}, which then knows its id);
 * writes are dataset rows queued in the logger's pipeline and sent with the other rows by
 * {@code POST /v1/insert}; reads flush the pipeline, then page through {@code POST
 * /v1/dataset/{id}/fetch}; summaries come from {@code GET /v1/dataset/{id}/summarize}. A
 * version is a Braintrust transaction id ({@code _xact_id}).
 * <p>
 * Opening and reading block while Braintrust answers; writes never do.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RemoteDatasets implements Datasets {

	private final BraintrustLogger logger;

	private final HttpLogExporter exporter;

	private final String defaultProject;

	/**
	 * Create the datasets of the Braintrust organization the exporter sends to.
	 * @param logger the logger whose pipeline the exporter serves
	 * @param exporter the exporter
	 * @param defaultProject the project of datasets opened without one
	 */
	public RemoteDatasets(BraintrustLogger logger, HttpLogExporter exporter, String defaultProject) {
		this.logger = logger;
		this.exporter = exporter;
		this.defaultProject = defaultProject;
	}

	/**
	 * Open a dataset, creating it in Braintrust when it does not exist.
	 * @param options the project, name, version to read, description and metadata
	 * @return the dataset
	 * @throws BraintrustApiException when Braintrust refuses the dataset or cannot be
	 * reached
	 */
	@Override
	public Dataset open(DatasetOptions options) {
		ObjectRef ref = DatasetRows.ref(this.logger.valueCapture(), options, this.defaultProject);
		String id = this.exporter.resolve(ref);
		return new RemoteDataset(ref, id, this.logger, this.exporter, options.version());
	}

	@Override
	public String toString() {
		return "RemoteDatasets[" + this.exporter.apiClient().baseUrl() + "]";
	}

}

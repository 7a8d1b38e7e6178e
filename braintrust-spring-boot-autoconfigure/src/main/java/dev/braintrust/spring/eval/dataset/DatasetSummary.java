package dev.braintrust.spring.eval.dataset;

import org.jspecify.annotations.Nullable;

/**
 * Summary of a dataset (Braintrust's {@code DatasetSummary}).
 *
 * @param projectName the project
 * @param datasetName the dataset name
 * @param datasetId the dataset id
 * @param datasetUrl where to see the dataset: a Braintrust URL or a local file
 * @param totalRecords the number of records at the version read
 * @param version the version read
 * @author Braintrust
 * @since 0.1.0
 */
public record DatasetSummary(String projectName, String datasetName, String datasetId, @Nullable String datasetUrl,
		long totalRecords, String version) {

}

package dev.braintrust.spring.eval.dataset;

import java.util.List;

/**
 * Every record of a dataset and the version they were read at, from one read.
 *
 * @param records the records
 * @param version the version: the pinned one, else the largest transaction id read, else
 * {@code "0"} for an empty dataset
 * @author Braintrust
 * @since 0.1.0
 */
public record DatasetSnapshot(List<DatasetRecord> records, String version) {

	/**
	 * Create a snapshot, copying the records.
	 * @param records the records
	 * @param version the version
	 */
	public DatasetSnapshot {
		records = List.copyOf(records);
	}

}

package dev.braintrust.spring.eval.dataset;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a dataset's records.
 *
 * @param records the records
 * @param cursor the cursor of the next page, or null when this is the last one
 * @author Braintrust
 * @since 0.1.0
 */
public record DatasetPage(List<DatasetRecord> records, @Nullable String cursor) {

	/**
	 * Create a page, copying the records.
	 * @param records the records
	 * @param cursor the next cursor
	 */
	public DatasetPage {
		records = List.copyOf(records);
	}

}

package dev.braintrust.spring.eval.dataset;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Braintrust dataset: a versioned collection of records (input, expected output,
 * metadata, tags) to run evals on. The shape of the SDKs' {@code Dataset}. Writes are
 * queued like every other row; reads see them (a read flushes first). Every write makes a
 * new version; a dataset opened at a version reads the records as they were then.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface Dataset {

	/**
	 * The dataset id.
	 * @return the id
	 */
	String id();

	/**
	 * The dataset name.
	 * @return the name
	 */
	String name();

	/**
	 * The project the dataset belongs to.
	 * @return the project name
	 */
	String projectName();

	/**
	 * The version this dataset was opened at.
	 * @return the pinned version, or null when it reads the latest
	 */
	@Nullable String pinnedVersion();

	/**
	 * The version reads see: the pinned one, else the latest write's transaction id, else
	 * {@code "0"} for an empty dataset.
	 * @return the version
	 */
	String version();

	/**
	 * Insert a record, or replace the record with the same id.
	 * @param row the record
	 * @return the record id
	 * @throws IllegalStateException when the dataset was opened at a version
	 */
	String insert(DatasetRow row);

	/**
	 * Insert a record.
	 * @param input the input
	 * @param expected the expected output
	 * @return the record id
	 */
	default String insert(@Nullable Object input, @Nullable Object expected) {
		return insert(DatasetRow.of(input, expected));
	}

	/**
	 * Change the fields of a record that {@code changes} sets; metadata is merged, the
	 * other fields (tags included) are replaced.
	 * @param id the record id
	 * @param changes the fields to change
	 * @throws IllegalStateException when the dataset was opened at a version
	 * @throws IllegalArgumentException when the dataset has no record with that id
	 */
	void update(String id, DatasetRow changes);

	/**
	 * Delete a record.
	 * @param id the record id
	 * @throws IllegalStateException when the dataset was opened at a version
	 */
	void delete(String id);

	/**
	 * Read a page of records at {@link #version()}.
	 * @param limit the largest number of records to return
	 * @param cursor the cursor from the previous page, or null for the first page
	 * @return the page
	 */
	DatasetPage fetch(int limit, @Nullable String cursor);

	/**
	 * Read every record at {@link #version()}.
	 * @return the records
	 */
	default List<DatasetRecord> fetchAll() {
		List<DatasetRecord> records = new ArrayList<>();
		String cursor = null;
		do {
			DatasetPage page = fetch(1000, cursor);
			records.addAll(page.records());
			cursor = page.cursor();
		}
		while (cursor != null);
		return records;
	}

	/**
	 * Summarize the dataset at {@link #version()}.
	 * @return the summary
	 */
	DatasetSummary summarize();

	/**
	 * Write the queued changes.
	 * @return true when everything was written in time
	 */
	boolean flush();

}

package dev.braintrust.spring.eval;

import org.jspecify.annotations.Nullable;

/**
 * Where a case came from, written to the eval span's {@code origin}: a dataset record.
 *
 * @param objectType the kind of object, {@code "dataset"}
 * @param objectId the dataset id
 * @param id the record id
 * @param xactId the record's transaction id, if known
 * @param created when the record was created, if known
 * @author Braintrust
 * @since 0.1.0
 */
public record EvalCaseOrigin(String objectType, String objectId, String id, @Nullable String xactId,
		@Nullable String created) {

	/**
	 * The origin of a dataset record.
	 * @param datasetId the dataset id
	 * @param recordId the record id
	 * @param xactId the record's transaction id
	 * @param created when the record was created
	 * @return the origin
	 */
	public static EvalCaseOrigin dataset(String datasetId, String recordId, @Nullable String xactId,
			@Nullable String created) {
		return new EvalCaseOrigin("dataset", datasetId, recordId, xactId, created);
	}

}

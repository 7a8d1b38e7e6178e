package dev.braintrust.spring.logger;

/**
 * The two kinds of items Braintrust's insert API takes for an object.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public enum RowKind {

	/** A row: a span's data or a merge into it, a dataset record, a deletion. */
	EVENT,
	/** Feedback on an existing row: scores, expected, tags, a comment. */
	FEEDBACK

}

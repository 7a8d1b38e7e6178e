package dev.braintrust.spring.logger;

/**
 * Builds links to rows: Braintrust URLs in remote mode, file locations in local mode.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface PermalinkResolver {

	/**
	 * A link to a row.
	 * @param target the object the row is in
	 * @param rowId the row id
	 * @return the link
	 */
	String permalink(ObjectRef target, String rowId);

}

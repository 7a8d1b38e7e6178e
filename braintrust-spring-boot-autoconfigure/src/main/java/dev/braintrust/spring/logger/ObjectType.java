package dev.braintrust.spring.logger;

/**
 * The kinds of Braintrust objects rows are written to.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public enum ObjectType {

	/** The logs of a project. */
	PROJECT_LOGS("project_logs"),
	/** An experiment. */
	EXPERIMENT("experiment"),
	/** A dataset. */
	DATASET("dataset");

	private final String wireName;

	ObjectType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name Braintrust's REST API uses, as in {@code POST /v1/insert}.
	 * @return the wire name
	 */
	public String wireName() {
		return this.wireName;
	}

}

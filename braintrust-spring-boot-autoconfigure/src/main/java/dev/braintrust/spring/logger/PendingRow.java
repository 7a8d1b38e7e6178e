package dev.braintrust.spring.logger;

import tools.jackson.databind.node.ObjectNode;

/**
 * A row waiting in the pipeline's queue, still as a JSON tree.
 *
 * @param target the object the row belongs to
 * @param kind an event or a feedback item
 * @param row the row
 * @author Braintrust
 * @since 0.1.0
 */
public record PendingRow(ObjectRef target, RowKind kind, ObjectNode row) {

	/**
	 * The row id.
	 * @return the id, or an empty string when the row has none
	 */
	public String id() {
		return this.row.path("id").asString("");
	}

}

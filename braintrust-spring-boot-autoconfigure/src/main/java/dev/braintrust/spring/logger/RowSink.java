package dev.braintrust.spring.logger;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where spans, datasets and feedback put their rows: the entry of the row pipeline.
 * Emitting never blocks and never throws; a row that cannot be queued is counted as
 * dropped.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface RowSink {

	/**
	 * Queue a row. The sink takes ownership of {@code row}; the caller must not change it
	 * afterwards.
	 * @param target the object the row belongs to
	 * @param kind an event or a feedback item
	 * @param row the row, with its {@code id}
	 */
	void emit(ObjectRef target, RowKind kind, ObjectNode row);

}

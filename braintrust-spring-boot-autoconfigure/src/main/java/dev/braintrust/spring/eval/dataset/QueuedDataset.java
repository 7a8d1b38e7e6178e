package dev.braintrust.spring.eval.dataset;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the local store's datasets and Braintrust's share: writes are dataset rows
 * ({@link DatasetRows}) queued in the logger's pipeline, and a dataset opened at a
 * version is read-only. Reading is left to each.
 *
 * @author Braintrust
 */
abstract class QueuedDataset implements Dataset {

	private final ObjectRef ref;

	private final BraintrustLogger logger;

	private final @Nullable String pinnedVersion;

	QueuedDataset(ObjectRef ref, BraintrustLogger logger, @Nullable String pinnedVersion) {
		this.ref = ref;
		this.logger = logger;
		this.pinnedVersion = (pinnedVersion != null && !pinnedVersion.isBlank()) ? pinnedVersion.trim() : null;
	}

	final ObjectRef ref() {
		return this.ref;
	}

	final BraintrustLogger logger() {
		return this.logger;
	}

	@Override
	public final String name() {
		return this.ref.name();
	}

	@Override
	public final String projectName() {
		return this.ref.projectName();
	}

	@Override
	public final @Nullable String pinnedVersion() {
		return this.pinnedVersion;
	}

	@Override
	public final String insert(DatasetRow row) {
		requireWritable();
		ObjectNode event = DatasetRows.insert(this.logger.valueCapture(), row);
		emit(event);
		return event.path("id").asString();
	}

	@Override
	public final void delete(String id) {
		requireWritable();
		emit(DatasetRows.delete(id));
	}

	@Override
	public final boolean flush() {
		return this.logger.flush();
	}

	/**
	 * Queue a row of this dataset.
	 * @param event the row
	 */
	void emit(ObjectNode event) {
		this.logger.rowSink().emit(this.ref, RowKind.EVENT, event);
	}

	/**
	 * Refuse a write to a dataset opened at a version.
	 * @throws IllegalStateException when the dataset was opened at a version
	 */
	final void requireWritable() {
		if (this.pinnedVersion != null) {
			throw new IllegalStateException("Dataset '" + name() + "' was opened at version " + this.pinnedVersion
					+ " to read it as it was then; open it without a version to change it");
		}
	}

	@Override
	public String toString() {
		return "Dataset[project=" + projectName() + ", name=" + name() + ", id=" + id()
				+ ((this.pinnedVersion != null) ? ", version=" + this.pinnedVersion : "") + "]";
	}

}

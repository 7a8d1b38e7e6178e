package dev.braintrust.spring.store;

import java.nio.file.Path;
import java.time.Instant;

import dev.braintrust.spring.logger.ObjectRef;

/**
 * An object in the local store: a project's logs, an experiment or a dataset.
 *
 * @param ref the object
 * @param created when the store first wrote it
 * @param rowsFile the JSON Lines file holding its rows
 * @param sizeBytes the size of the rows file
 * @author Braintrust
 * @since 0.1.0
 */
public record StoredObject(ObjectRef ref, Instant created, Path rowsFile, long sizeBytes) {

	/**
	 * The object's name.
	 * @return the name
	 */
	public String name() {
		return this.ref.name();
	}

	/**
	 * The object's id in the local store.
	 * @return the id
	 */
	public String id() {
		return this.ref.key();
	}

}

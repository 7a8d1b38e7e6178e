package dev.braintrust.spring.eval.dataset;

import java.util.concurrent.atomic.AtomicLong;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.store.LocalStore;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Datasets in the {@link LocalStore}. Records are written as dataset rows through the
 * logger's pipeline, as they would be sent to Braintrust, each stamped with an
 * {@code _xact_id}: a number that grows with every write (microseconds since the epoch,
 * or one more than the last one), so a version is simply the largest {@code _xact_id} it
 * includes. A dataset's id is its name.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class LocalDatasets implements Datasets {

	private static final AtomicLong LAST_XACT_ID = new AtomicLong();

	private final BraintrustLogger logger;

	private final LocalStore store;

	private final String defaultProject;

	/**
	 * Create the datasets of a store.
	 * @param logger the logger whose pipeline writes to the store
	 * @param store the store
	 * @param defaultProject the project of datasets opened without one
	 */
	public LocalDatasets(BraintrustLogger logger, LocalStore store, String defaultProject) {
		this.logger = logger;
		this.store = store;
		this.defaultProject = defaultProject;
	}

	@Override
	public Dataset open(DatasetOptions options) {
		String project = (options.project() != null && !options.project().isBlank()) ? options.project()
				: this.defaultProject;
		ObjectNode createOptions = JsonNodeFactory.instance.objectNode();
		if (options.description() != null) {
			createOptions.put("description", options.description());
		}
		if (!options.metadata().isEmpty()) {
			createOptions.set("metadata", this.logger.valueCapture().capture(options.metadata()));
		}
		ObjectRef ref = ObjectRef.dataset(project, options.projectId(), options.name(), createOptions);
		this.store.register(ref);
		return new LocalDataset(ref, this.logger, this.store, options.version());
	}

	/**
	 * The next transaction id: larger than every one given before in this JVM, and
	 * growing with time across runs.
	 * @return the transaction id
	 */
	static long nextXactId() {
		long now = System.currentTimeMillis() * 1000;
		return LAST_XACT_ID.updateAndGet((last) -> Math.max(last + 1, now));
	}

}

package dev.braintrust.spring.eval.experiment;

import java.util.List;

import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.StoredObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * The experiments in the {@link LocalStore}. An experiment's id is its key in the store.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class LocalExperimentCatalog implements ExperimentCatalog {

	private final LocalStore store;

	/**
	 * Create a catalog.
	 * @param store the store
	 */
	public LocalExperimentCatalog(LocalStore store) {
		this.store = store;
	}

	@Override
	public List<ExperimentInfo> list(String projectName) {
		return this.store.listObjects(ObjectType.EXPERIMENT, projectName)
			.stream()
			.map(LocalExperimentCatalog::toInfo)
			.toList();
	}

	@Override
	public List<ObjectNode> readRows(ExperimentInfo experiment) {
		return this.store.listObjects(ObjectType.EXPERIMENT, experiment.projectName())
			.stream()
			.filter((object) -> object.id().equals(experiment.id()))
			.findFirst()
			.map((object) -> this.store.readMergedRows(object.ref()))
			.orElseThrow(() -> new IllegalArgumentException("Experiment '" + experiment.name() + "' (id "
					+ experiment.id() + ") is not in the local store " + this.store.directory()));
	}

	static ExperimentInfo toInfo(StoredObject object) {
		return new ExperimentInfo(object.id(), object.name(), object.ref().projectName(), object.created(),
				object.rowsFile().toString());
	}

}

package dev.braintrust.spring.eval.experiment;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.node.ObjectNode;

/**
 * The experiments that already exist, to pick a base experiment and to read an earlier
 * experiment's cases. {@link LocalExperimentCatalog} reads the local store; a catalog
 * backed by Braintrust lists experiments with {@code GET /v1/experiment?project_name=}
 * and reads them with {@code POST /v1/experiment/{id}/fetch}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface ExperimentCatalog {

	/**
	 * The experiments of a project.
	 * @param projectName the project
	 * @return the experiments, oldest first
	 */
	List<ExperimentInfo> list(String projectName);

	/**
	 * Find an experiment by id.
	 * @param projectName the project
	 * @param id the experiment id
	 * @return the experiment, if it exists
	 */
	default Optional<ExperimentInfo> findById(String projectName, String id) {
		return list(projectName).stream().filter((experiment) -> experiment.id().equals(id)).findFirst();
	}

	/**
	 * Find the latest experiment with a name.
	 * @param projectName the project
	 * @param name the experiment name
	 * @return the experiment, if one has that name
	 */
	default Optional<ExperimentInfo> findByName(String projectName, String name) {
		List<ExperimentInfo> named = list(projectName).stream()
			.filter((experiment) -> experiment.name().equals(name))
			.toList();
		return named.isEmpty() ? Optional.empty() : Optional.of(named.get(named.size() - 1));
	}

	/**
	 * Read an experiment's rows, merged.
	 * @param experiment the experiment
	 * @return its rows
	 */
	List<ObjectNode> readRows(ExperimentInfo experiment);

}

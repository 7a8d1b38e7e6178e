package dev.braintrust.spring.eval;

import dev.braintrust.spring.eval.dataset.Datasets;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What {@link EvalData} can use to read cases: the eval's project, the datasets, the
 * earlier experiments, and a JSON converter.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface EvalDataContext {

	/**
	 * The eval's name.
	 * @return the name
	 */
	String evalName();

	/**
	 * The project the eval's experiments go to.
	 * @return the project name
	 */
	String projectName();

	/**
	 * The project id, if configured.
	 * @return the project id or null
	 */
	@Nullable String projectId();

	/**
	 * The datasets.
	 * @return the datasets
	 * @throws IllegalStateException when no dataset backend is available
	 */
	Datasets datasets();

	/**
	 * The earlier experiments.
	 * @return the catalog
	 * @throws IllegalStateException when no experiment catalog is available
	 */
	ExperimentCatalog experiments();

	/**
	 * The experiment this run compares with, if there is one.
	 * @return the base experiment or null
	 */
	@Nullable ExperimentInfo baseExperiment();

	/**
	 * The class loader to read resources with.
	 * @return the class loader
	 */
	ClassLoader classLoader();

	/**
	 * Convert a JSON value to a Java type: {@code Object.class} gives maps, lists,
	 * strings, numbers and booleans; {@code JsonNode.class} gives the tree itself.
	 * @param value the value
	 * @param type the type
	 * @param <T> the type
	 * @return the converted value, null for a JSON null
	 * @throws IllegalArgumentException when the value does not fit the type
	 */
	<T> @Nullable T convert(JsonNode value, Class<T> type);

}

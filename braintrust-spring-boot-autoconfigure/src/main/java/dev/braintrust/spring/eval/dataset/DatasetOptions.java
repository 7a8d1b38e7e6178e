package dev.braintrust.spring.eval.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which dataset to open and how, as the arguments of the SDKs' {@code init_dataset}.
 *
 * @param project the project, or null for the default project
 * @param projectId the project id, if known
 * @param name the dataset name
 * @param description a description, used when the dataset is created
 * @param version the version to read, or null for the latest
 * @param metadata metadata, used when the dataset is created
 * @author Braintrust
 * @since 0.1.0
 */
public record DatasetOptions(@Nullable String project, @Nullable String projectId, String name,
		@Nullable String description, @Nullable String version, Map<String, Object> metadata) {

	/**
	 * Create options.
	 * @param project the project
	 * @param projectId the project id
	 * @param name the name
	 * @param description the description
	 * @param version the version to read
	 * @param metadata the metadata
	 */
	public DatasetOptions {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A dataset needs a name");
		}
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * Options naming a dataset of the default project, read at its latest version.
	 * @param name the dataset name
	 * @return the options
	 */
	public static DatasetOptions named(String name) {
		return new DatasetOptions(null, null, name, null, null, Map.of());
	}

	/**
	 * These options in another project.
	 * @param project the project
	 * @return new options
	 */
	public DatasetOptions inProject(@Nullable String project) {
		return new DatasetOptions(project, this.projectId, this.name, this.description, this.version, this.metadata);
	}

	/**
	 * These options reading at a version.
	 * @param version the version, or null for the latest
	 * @return new options
	 */
	public DatasetOptions atVersion(@Nullable String version) {
		return new DatasetOptions(this.project, this.projectId, this.name, this.description, version, this.metadata);
	}

	/**
	 * These options with a description.
	 * @param description the description
	 * @return new options
	 */
	public DatasetOptions withDescription(@Nullable String description) {
		return new DatasetOptions(this.project, this.projectId, this.name, description, this.version, this.metadata);
	}

}

package dev.braintrust.spring.logger;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which Braintrust object rows go to: a project's logs, an experiment or a dataset. Ids
 * known only to Braintrust (the project id, an experiment's id) are resolved lazily by
 * the exporter, so creating a reference never touches the network.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ObjectRef {

	private final ObjectType type;

	private final String projectName;

	private final @Nullable String projectId;

	private final String name;

	private final String key;

	private final ObjectNode createOptions;

	private final @Nullable String objectId;

	private ObjectRef(ObjectType type, String projectName, @Nullable String projectId, String name, String key,
			@Nullable ObjectNode createOptions) {
		this(type, projectName, projectId, name, key, createOptions, null);
	}

	private ObjectRef(ObjectType type, String projectName, @Nullable String projectId, String name, String key,
			@Nullable ObjectNode createOptions, @Nullable String objectId) {
		if (projectName.isBlank()) {
			throw new IllegalArgumentException("A Braintrust project needs a name or an id; set braintrust.project "
					+ "(BRAINTRUST_PROJECT) or braintrust.project-id (BRAINTRUST_PROJECT_ID)");
		}
		if (name.isBlank()) {
			throw new IllegalArgumentException("A Braintrust " + type.wireName() + " name must not be blank");
		}
		this.type = type;
		this.projectName = projectName;
		this.projectId = (projectId != null && !projectId.isBlank()) ? projectId : null;
		this.name = name;
		this.key = key;
		this.createOptions = (createOptions != null) ? createOptions.deepCopy() : JsonNodeFactory.instance.objectNode();
		this.objectId = (objectId != null && !objectId.isBlank()) ? objectId : null;
	}

	/**
	 * The logs of a project, named by its name, its id, or both.
	 * @param projectName the project name; when null, the id stands in for it
	 * @param projectId the project id when known
	 * @return the reference
	 */
	public static ObjectRef projectLogs(@Nullable String projectName, @Nullable String projectId) {
		String name = (projectName != null && !projectName.isBlank()) ? projectName
				: ((projectId != null) ? projectId : "");
		return new ObjectRef(ObjectType.PROJECT_LOGS, name, projectId, name, name, null);
	}

	/**
	 * A new experiment. Each call makes a distinct experiment, even for the same name.
	 * @param projectName the project name
	 * @param projectId the project id when known
	 * @param experimentName the experiment name
	 * @param createOptions further fields of Braintrust's {@code CreateExperiment}
	 * request (description, base_exp_id, dataset_id, dataset_version, metadata, tags,
	 * repo_info)
	 * @return the reference
	 */
	public static ObjectRef newExperiment(String projectName, @Nullable String projectId, String experimentName,
			@Nullable ObjectNode createOptions) {
		return new ObjectRef(ObjectType.EXPERIMENT, projectName, projectId, experimentName,
				UUID.randomUUID().toString(), createOptions);
	}

	/**
	 * An existing experiment, by its id.
	 * @param projectName the project name
	 * @param projectId the project id when known
	 * @param experimentName the experiment name
	 * @param experimentId the experiment id
	 * @return the reference
	 */
	public static ObjectRef experiment(String projectName, @Nullable String projectId, String experimentName,
			String experimentId) {
		return new ObjectRef(ObjectType.EXPERIMENT, projectName, projectId, experimentName, experimentId, null,
				experimentId);
	}

	/**
	 * A dataset, created on first use when it does not exist.
	 * @param projectName the project name
	 * @param projectId the project id when known
	 * @param datasetName the dataset name
	 * @param createOptions further fields of Braintrust's {@code CreateDataset} request
	 * (description, metadata)
	 * @return the reference
	 */
	public static ObjectRef dataset(String projectName, @Nullable String projectId, String datasetName,
			@Nullable ObjectNode createOptions) {
		return new ObjectRef(ObjectType.DATASET, projectName, projectId, datasetName, datasetName, createOptions);
	}

	/**
	 * An existing dataset, by its Braintrust id: rows go to it without any registration.
	 * @param projectName the project name
	 * @param projectId the project id when known
	 * @param datasetName the dataset name (the id when the name is not known)
	 * @param datasetId the dataset id
	 * @return the reference
	 */
	public static ObjectRef existingDataset(String projectName, @Nullable String projectId, String datasetName,
			String datasetId) {
		return new ObjectRef(ObjectType.DATASET, projectName, projectId, datasetName, datasetId, null, datasetId);
	}

	/**
	 * Restore a reference from its parts, as the local store reads them back.
	 * @param type the kind of object
	 * @param projectName the project name
	 * @param projectId the project id, if known
	 * @param name the object name
	 * @param key the client-side key
	 * @param createOptions the creation options, or null
	 * @return the reference
	 */
	public static ObjectRef of(ObjectType type, String projectName, @Nullable String projectId, String name, String key,
			@Nullable ObjectNode createOptions) {
		return new ObjectRef(type, projectName, projectId, name, key, createOptions);
	}

	/**
	 * Restore a reference from its parts, including the Braintrust id when it is known,
	 * as the export spool reads them back.
	 * @param type the kind of object
	 * @param projectName the project name
	 * @param projectId the project id, if known
	 * @param name the object name
	 * @param key the client-side key
	 * @param createOptions the creation options, or null
	 * @param objectId the Braintrust id of an existing experiment or dataset, or null
	 * @return the reference
	 */
	public static ObjectRef of(ObjectType type, String projectName, @Nullable String projectId, String name, String key,
			@Nullable ObjectNode createOptions, @Nullable String objectId) {
		return new ObjectRef(type, projectName, projectId, name, key, createOptions, objectId);
	}

	/**
	 * The kind of object.
	 * @return the type
	 */
	public ObjectType type() {
		return this.type;
	}

	/**
	 * The project the object belongs to.
	 * @return the project name
	 */
	public String projectName() {
		return this.projectName;
	}

	/**
	 * The project id, when it was configured.
	 * @return the project id or {@code null}
	 */
	public @Nullable String projectId() {
		return this.projectId;
	}

	/**
	 * The object's name: the project name for project logs.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The client-side identity of the object: a UUID for experiments (each run is a new
	 * experiment), the name otherwise. The local store uses it as the object's id.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The Braintrust id of the object when the reference was made from one (an existing
	 * experiment, a dataset named by id, a span exported elsewhere); such an object is
	 * never created. Project logs are identified by {@link #projectId()} instead.
	 * @return the id, or {@code null} when Braintrust assigns it on registration
	 */
	public @Nullable String objectId() {
		return this.objectId;
	}

	/**
	 * Fields for the request that creates the object in Braintrust.
	 * @return a copy of the options
	 */
	public ObjectNode createOptions() {
		return this.createOptions.deepCopy();
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof ObjectRef other)) {
			return false;
		}
		return this.type == other.type && this.projectName.equals(other.projectName)
				&& Objects.equals(this.projectId, other.projectId) && this.name.equals(other.name)
				&& this.key.equals(other.key);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.projectName, this.projectId, this.name, this.key);
	}

	@Override
	public String toString() {
		return this.type.wireName() + "[project=" + this.projectName + ", name=" + this.name + ", key=" + this.key
				+ "]";
	}

}

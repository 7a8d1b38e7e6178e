package dev.braintrust.spring.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowMerger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link FakeBraintrustServer} stores: the organization, projects, experiments,
 * datasets, and every object's accepted rows in arrival order, with the transaction id of
 * the insert that brought them. Survives the server's restarts. Thread-safe.
 */
public final class FakeBraintrustState {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String orgId = UUID.randomUUID().toString();

	private final String orgName;

	private final String userId = UUID.randomUUID().toString();

	private final Map<String, ObjectNode> projects = new LinkedHashMap<>();

	private final Map<String, ObjectNode> experiments = new LinkedHashMap<>();

	private final Map<String, ObjectNode> datasets = new LinkedHashMap<>();

	private final Map<ObjectKey, List<StoredRow>> rows = new LinkedHashMap<>();

	private final Map<ObjectKey, List<ObjectNode>> feedback = new LinkedHashMap<>();

	private final AtomicLong xact = new AtomicLong(1000196050000000000L);

	FakeBraintrustState(String orgName) {
		this.orgName = orgName;
	}

	/**
	 * The organization's id.
	 * @return the id
	 */
	public String orgId() {
		return this.orgId;
	}

	/**
	 * The organization's name.
	 * @return the name
	 */
	public String orgName() {
		return this.orgName;
	}

	String userId() {
		return this.userId;
	}

	/**
	 * All projects.
	 * @return copies, oldest first
	 */
	public synchronized List<ObjectNode> projects() {
		return copies(this.projects.values());
	}

	/**
	 * A project by name.
	 * @param name the name
	 * @return a copy, or null
	 */
	public synchronized @Nullable ObjectNode projectNamed(String name) {
		return this.projects.values()
			.stream()
			.filter((project) -> project.path("name").asString().equals(name))
			.findFirst()
			.map(ObjectNode::deepCopy)
			.orElse(null);
	}

	/**
	 * All experiments.
	 * @return copies, oldest first
	 */
	public synchronized List<ObjectNode> experiments() {
		return copies(this.experiments.values());
	}

	/**
	 * All datasets.
	 * @return copies, oldest first
	 */
	public synchronized List<ObjectNode> datasets() {
		return copies(this.datasets.values());
	}

	/**
	 * The rows of an object as received, in arrival order, each time it was received.
	 * @param type the kind of object
	 * @param objectId its id (the project id for project logs)
	 * @return copies
	 */
	public synchronized List<ObjectNode> rawRows(ObjectType type, String objectId) {
		return this.rows.getOrDefault(new ObjectKey(type, objectId), List.of())
			.stream()
			.map((stored) -> stored.row().deepCopy())
			.toList();
	}

	/**
	 * The rows of an object as Braintrust stores them: merges applied, one per id.
	 * @param type the kind of object
	 * @param objectId its id (the project id for project logs)
	 * @return the rows, in the order each id first arrived
	 */
	public List<ObjectNode> mergedRows(ObjectType type, String objectId) {
		return RowMerger.replay(rawRows(type, objectId));
	}

	/**
	 * The merged rows of a project's logs, by project name.
	 * @param projectName the name
	 * @return the rows, none when the project does not exist
	 */
	public List<ObjectNode> projectLogs(String projectName) {
		ObjectNode project = projectNamed(projectName);
		return (project != null) ? mergedRows(ObjectType.PROJECT_LOGS, project.path("id").asString()) : List.of();
	}

	/**
	 * The feedback items received for an object, in arrival order.
	 * @param type the kind of object
	 * @param objectId its id
	 * @return copies
	 */
	public synchronized List<ObjectNode> feedback(ObjectType type, String objectId) {
		return copies(this.feedback.getOrDefault(new ObjectKey(type, objectId), List.of()));
	}

	/**
	 * The ids of every row received for an object, once each.
	 * @param type the kind of object
	 * @param objectId its id
	 * @return the ids
	 */
	public synchronized Set<String> rowIds(ObjectType type, String objectId) {
		Set<String> ids = new LinkedHashSet<>();
		this.rows.getOrDefault(new ObjectKey(type, objectId), List.of())
			.forEach((stored) -> ids.add(stored.row().path("id").asString()));
		return ids;
	}

	/**
	 * The number of rows received over all objects, duplicates included.
	 * @return the count
	 */
	public synchronized int rawRowCount() {
		return this.rows.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * Create a project (or find it), as if created in the Braintrust app.
	 * @param name the name
	 * @return its id
	 */
	public String createProject(String name) {
		return getOrCreateProject(name, null).path("id").asString();
	}

	/**
	 * Create an experiment, as if created by an earlier run.
	 * @param projectId the project id
	 * @param name the name
	 * @return its id
	 */
	public String createExperiment(String projectId, String name) {
		return createExperiment(NODES.objectNode().put("project_id", projectId).put("name", name)).path("id")
			.asString();
	}

	/**
	 * The merged rows of the only experiment with a name.
	 * @param name the name
	 * @return the rows
	 */
	public List<ObjectNode> experimentRows(String name) {
		List<ObjectNode> matching = experiments().stream()
			.filter((experiment) -> experiment.path("name").asString().equals(name))
			.toList();
		if (matching.size() != 1) {
			throw new AssertionError("Expected one experiment named '" + name + "', found " + matching.size());
		}
		return mergedRows(ObjectType.EXPERIMENT, matching.get(0).path("id").asString());
	}

	synchronized ObjectNode getOrCreateProject(String name, @Nullable String description) {
		for (ObjectNode project : this.projects.values()) {
			if (project.path("name").asString().equals(name)) {
				return project.deepCopy();
			}
		}
		ObjectNode project = NODES.objectNode();
		String id = UUID.randomUUID().toString();
		project.put("id", id);
		project.put("org_id", this.orgId);
		project.put("name", name);
		project.put("description", description);
		project.put("created", Instant.now().toString());
		project.putNull("deleted_at");
		project.put("user_id", this.userId);
		project.putNull("settings");
		this.projects.put(id, project);
		return project.deepCopy();
	}

	synchronized @Nullable ObjectNode project(String id) {
		ObjectNode project = this.projects.get(id);
		return (project != null) ? project.deepCopy() : null;
	}

	synchronized @Nullable ObjectNode experiment(String id) {
		ObjectNode experiment = this.experiments.get(id);
		return (experiment != null) ? experiment.deepCopy() : null;
	}

	synchronized @Nullable ObjectNode dataset(String id) {
		ObjectNode dataset = this.datasets.get(id);
		return (dataset != null) ? dataset.deepCopy() : null;
	}

	synchronized ObjectNode createExperiment(JsonNode request) {
		String projectId = request.path("project_id").asString();
		String requested = request.path("name").asString(null);
		String name = (requested != null) ? requested : "experiment-" + (this.experiments.size() + 1);
		ObjectNode existing = findByName(this.experiments, projectId, name);
		if (existing != null) {
			if (!request.path("ensure_new").asBoolean(false)) {
				return existing.deepCopy();
			}
			int suffix = 1;
			while (findByName(this.experiments, projectId, name + "-" + suffix) != null) {
				suffix++;
			}
			name = name + "-" + suffix;
		}
		ObjectNode experiment = NODES.objectNode();
		String id = UUID.randomUUID().toString();
		experiment.put("id", id);
		experiment.put("project_id", projectId);
		experiment.put("name", name);
		experiment.set("description",
				request.path("description").isMissingNode() ? NODES.nullNode() : request.get("description"));
		experiment.put("created", Instant.now().toString());
		experiment.set("repo_info", nullable(request, "repo_info"));
		experiment.set("commit", request.path("repo_info").path("commit").isString()
				? request.path("repo_info").get("commit") : NODES.nullNode());
		experiment.set("base_exp_id", nullable(request, "base_exp_id"));
		experiment.putNull("deleted_at");
		experiment.set("dataset_id", nullable(request, "dataset_id"));
		experiment.set("dataset_version", nullable(request, "dataset_version"));
		experiment.put("public", request.path("public").asBoolean(false));
		experiment.put("user_id", this.userId);
		experiment.set("metadata", nullable(request, "metadata"));
		experiment.set("tags", nullable(request, "tags"));
		this.experiments.put(id, experiment);
		return experiment.deepCopy();
	}

	synchronized ObjectNode getOrCreateDataset(JsonNode request) {
		String projectId = request.path("project_id").asString();
		String name = request.path("name").asString();
		ObjectNode existing = findByName(this.datasets, projectId, name);
		if (existing != null) {
			return existing.deepCopy();
		}
		ObjectNode dataset = NODES.objectNode();
		String id = UUID.randomUUID().toString();
		dataset.put("id", id);
		dataset.put("project_id", projectId);
		dataset.put("name", name);
		dataset.set("description", nullable(request, "description"));
		dataset.put("created", Instant.now().toString());
		dataset.putNull("deleted_at");
		dataset.put("user_id", this.userId);
		dataset.set("tags", nullable(request, "tags"));
		dataset.set("metadata", nullable(request, "metadata"));
		dataset.put("url_slug", name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
		this.datasets.put(id, dataset);
		return dataset.deepCopy();
	}

	/**
	 * Whether an object exists.
	 * @param type the kind
	 * @param id the id
	 * @return true when it does
	 */
	synchronized boolean exists(ObjectType type, String id) {
		return switch (type) {
			case PROJECT_LOGS -> this.projects.containsKey(id);
			case EXPERIMENT -> this.experiments.containsKey(id);
			case DATASET -> this.datasets.containsKey(id);
		};
	}

	/**
	 * Store one insert request's rows, all under one transaction id.
	 * @param events rows by object
	 * @param items feedback items by object
	 * @return the transaction id
	 */
	synchronized long store(Map<ObjectKey, List<ObjectNode>> events, Map<ObjectKey, List<ObjectNode>> items) {
		long transaction = this.xact.incrementAndGet();
		Instant now = Instant.now();
		events.forEach((key, list) -> {
			List<StoredRow> stored = this.rows.computeIfAbsent(key, (k) -> new ArrayList<>());
			list.forEach((row) -> stored.add(new StoredRow(row, transaction, now)));
		});
		items.forEach((key, list) -> {
			this.feedback.computeIfAbsent(key, (k) -> new ArrayList<>()).addAll(list);
			List<StoredRow> stored = this.rows.computeIfAbsent(key, (k) -> new ArrayList<>());
			for (ObjectNode item : list) {
				for (ObjectNode row : feedbackRows(item, now)) {
					stored.add(new StoredRow(row, transaction, now));
				}
			}
		});
		return transaction;
	}

	/**
	 * Rows with their transaction ids, for reads.
	 * @param key the object
	 * @return copies
	 */
	synchronized List<StoredRow> storedRows(ObjectKey key) {
		return this.rows.getOrDefault(key, List.of())
			.stream()
			.map((stored) -> new StoredRow(stored.row().deepCopy(), stored.xactId(), stored.received()))
			.toList();
	}

	/**
	 * Feedback with scores, expected or tags becomes a merge into the row, as in
	 * Braintrust; comments are kept only with the feedback items ({@link #feedback}).
	 */
	private static List<ObjectNode> feedbackRows(ObjectNode item, Instant now) {
		if (!(item.has("scores") || item.has("expected") || item.has("tags"))) {
			return List.of();
		}
		ObjectNode merge = NODES.objectNode();
		merge.put("id", item.path("id").asString());
		for (String field : List.of("scores", "expected", "tags")) {
			if (item.has(field)) {
				merge.set(field, item.get(field));
			}
		}
		merge.put("_is_merge", true);
		return List.of(merge);
	}

	private static @Nullable ObjectNode findByName(Map<String, ObjectNode> objects, String projectId, String name) {
		return objects.values()
			.stream()
			.filter((object) -> object.path("project_id").asString().equals(projectId)
					&& object.path("name").asString().equals(name))
			.findFirst()
			.orElse(null);
	}

	private static JsonNode nullable(JsonNode request, String field) {
		JsonNode value = request.get(field);
		return (value != null) ? value : NODES.nullNode();
	}

	private static List<ObjectNode> copies(Iterable<ObjectNode> nodes) {
		List<ObjectNode> copies = new ArrayList<>();
		nodes.forEach((node) -> copies.add(node.deepCopy()));
		return copies;
	}

	/**
	 * An object rows belong to.
	 *
	 * @param type the kind
	 * @param id the id
	 */
	public record ObjectKey(ObjectType type, String id) {

	}

	/**
	 * A stored row.
	 *
	 * @param row the row as received
	 * @param xactId the transaction id of its insert
	 * @param received when it arrived
	 */
	public record StoredRow(ObjectNode row, long xactId, Instant received) {

	}

}

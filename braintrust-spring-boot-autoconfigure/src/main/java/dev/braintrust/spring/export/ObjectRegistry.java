package dev.braintrust.spring.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.braintrust.spring.logger.ObjectRef;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves the Braintrust ids of the objects rows go to, lazily and once: projects with
 * {@code POST /v1/project} (get-or-create by name, skipped when the project id is
 * configured), experiments with {@code POST /v1/experiment} ({@code ensure_new}, so each
 * run is a new experiment) and datasets with {@code POST /v1/dataset} (get-or-create).
 * Results are cached per project name and per {@link ObjectRef}. Only the exporter's
 * threads call {@link #resolve}; {@link #known} never touches the network and is safe
 * from any thread.
 *
 * @author Braintrust
 */
final class ObjectRegistry {

	private static final Log logger = LogFactory.getLog(ObjectRegistry.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The fields of {@code CreateDataset} besides the project id and the name. */
	private static final Set<String> DATASET_OPTIONS = Set.of("description", "metadata", "tags");

	private static final Duration ORG_LOOKUP_INTERVAL = Duration.ofMinutes(1);

	private final BraintrustApi api;

	private final @Nullable String configuredOrgName;

	private final Clock clock;

	private final Map<String, String> projectIds = new ConcurrentHashMap<>();

	private final Map<ObjectRef, RemoteIds> objects = new ConcurrentHashMap<>();

	private volatile @Nullable String orgId;

	private volatile @Nullable String resolvedOrgName;

	private Instant nextOrgLookup = Instant.MIN;

	ObjectRegistry(BraintrustApi api, @Nullable String orgName, Clock clock) {
		this.api = api;
		this.configuredOrgName = (orgName != null && !orgName.isBlank()) ? orgName.trim() : null;
		this.clock = clock;
	}

	/**
	 * The ids of an object, when known without a request.
	 * @param ref the object
	 * @return the ids, or null
	 */
	@Nullable RemoteIds known(ObjectRef ref) {
		RemoteIds ids = this.objects.get(ref);
		if (ids != null) {
			return ids;
		}
		return switch (ref.type()) {
			case PROJECT_LOGS -> {
				String projectId = (ref.projectId() != null) ? ref.projectId() : this.projectIds.get(ref.projectName());
				yield (projectId != null) ? new RemoteIds(projectId, projectId) : null;
			}
			case EXPERIMENT, DATASET ->
				(ref.objectId() != null) ? new RemoteIds(ref.projectId(), ref.objectId()) : null;
		};
	}

	/**
	 * Remember ids learned elsewhere (read back from the spool), unless already known.
	 * @param ref the object
	 * @param ids the ids
	 */
	void remember(ObjectRef ref, RemoteIds ids) {
		this.objects.putIfAbsent(ref, ids);
	}

	/**
	 * The organization name for links: configured, or looked up after the first
	 * registration.
	 * @return the name, or null while unknown
	 */
	@Nullable String orgName() {
		return (this.configuredOrgName != null) ? this.configuredOrgName : this.resolvedOrgName;
	}

	/**
	 * Resolve an object's ids, registering the object (and its project) when needed.
	 * @param ref the object
	 * @return the ids, or the failed request
	 * @throws InterruptedException when interrupted while waiting for Braintrust
	 */
	synchronized Registration resolve(ObjectRef ref) throws InterruptedException {
		RemoteIds ids = known(ref);
		if (ids == null) {
			Registration registration = register(ref);
			if (registration.ids() == null) {
				return registration;
			}
			ids = registration.ids();
			this.objects.put(ref, ids);
		}
		return Registration.of(ids);
	}

	private Registration register(ObjectRef ref) throws InterruptedException {
		String projectId = (ref.projectId() != null) ? ref.projectId() : this.projectIds.get(ref.projectName());
		if (projectId == null) {
			ObjectNode body = JSON.createObjectNode().put("name", ref.projectName());
			if (this.configuredOrgName != null) {
				body.put("org_name", this.configuredOrgName);
			}
			ApiResponse response = this.api.post("/v1/project", JSON.writeValueAsBytes(body));
			JsonNode project = parse(response);
			if (project == null) {
				return Registration.failed(unexpected(response));
			}
			projectId = project.path("id").asString();
			this.projectIds.put(ref.projectName(), projectId);
			if (project.path("org_id").isString()) {
				this.orgId = project.path("org_id").stringValue();
			}
			logger.debug("Braintrust project '" + ref.projectName() + "' has id " + projectId);
		}
		return switch (ref.type()) {
			case PROJECT_LOGS -> Registration.of(new RemoteIds(projectId, projectId));
			case EXPERIMENT -> create("/v1/experiment", experimentRequest(ref, projectId), projectId, ref);
			case DATASET -> create("/v1/dataset", datasetRequest(ref, projectId), projectId, ref);
		};
	}

	private Registration create(String path, ObjectNode body, String projectId, ObjectRef ref)
			throws InterruptedException {
		ApiResponse response = this.api.post(path, JSON.writeValueAsBytes(body));
		JsonNode created = parse(response);
		if (created == null) {
			return Registration.failed(unexpected(response));
		}
		String id = created.path("id").asString();
		logger.debug("Braintrust " + ref.type().wireName() + " '" + ref.name() + "' has id " + id);
		return Registration.of(new RemoteIds(projectId, id));
	}

	private static ObjectNode experimentRequest(ObjectRef ref, String projectId) {
		ObjectNode body = ref.createOptions();
		body.put("project_id", projectId);
		body.put("name", ref.name());
		body.put("ensure_new", true);
		return body;
	}

	private static ObjectNode datasetRequest(ObjectRef ref, String projectId) {
		ObjectNode body = JSON.createObjectNode();
		body.put("project_id", projectId);
		body.put("name", ref.name());
		ref.createOptions().properties().forEach((entry) -> {
			if (DATASET_OPTIONS.contains(entry.getKey())) {
				body.set(entry.getKey(), entry.getValue());
			}
		});
		return body;
	}

	/**
	 * Learn the organization name for links, once, when it was not configured; called
	 * after a successful insert, so an outage costs no extra requests. A failure only
	 * means links wait: it is retried at most once a minute.
	 * @throws InterruptedException when interrupted while waiting for Braintrust
	 */
	synchronized void lookUpOrgNameIfNeeded() throws InterruptedException {
		if (orgName() != null || this.clock.instant().isBefore(this.nextOrgLookup)) {
			return;
		}
		this.nextOrgLookup = this.clock.instant().plus(ORG_LOOKUP_INTERVAL);
		ApiResponse response = this.api.get("/v1/organization");
		JsonNode answer = parse(response);
		if (answer == null) {
			logger.debug("Could not look up the Braintrust organization name (" + response.describe()
					+ "); set braintrust.org-name for links to rows");
			return;
		}
		String fallback = null;
		for (JsonNode org : answer.path("objects")) {
			String name = org.path("name").asString(null);
			if (name != null && org.path("id").asString("").equals(this.orgId)) {
				this.resolvedOrgName = name;
				return;
			}
			fallback = (fallback != null) ? fallback : name;
		}
		this.resolvedOrgName = fallback;
	}

	private static @Nullable JsonNode parse(ApiResponse response) {
		if (!response.isSuccess()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(response.body());
			if (node.has("objects") || node.path("id").isString()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// not JSON: a proxy's page, say
		}
		return null;
	}

	/** A 2xx answer without the expected JSON is treated as a transient failure. */
	private static ApiResponse unexpected(ApiResponse response) {
		if (!response.isSuccess()) {
			return response;
		}
		return ApiResponse.failure(response.operation(),
				"unexpected answer (HTTP " + response.status() + " without the expected JSON)");
	}

}

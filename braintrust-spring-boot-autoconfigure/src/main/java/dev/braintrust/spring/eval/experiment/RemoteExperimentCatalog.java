package dev.braintrust.spring.eval.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.braintrust.spring.export.BraintrustApiClient;
import dev.braintrust.spring.export.BraintrustApiException;
import dev.braintrust.spring.export.FetchedRows;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The experiments in Braintrust: listed with {@code GET /v1/experiment?project_name=} (or
 * {@code project_id=} once the exporter knows the project's id; paged with
 * {@code starting_after}), found by name with {@code experiment_name=} or by id with
 * {@code GET /v1/experiment/{id}}, and read with {@code POST /v1/experiment/{id}/fetch},
 * paged, one row per id (the newest version). Requests go through the
 * {@link HttpLogExporter}'s client and block while Braintrust answers.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RemoteExperimentCatalog implements ExperimentCatalog {

	private static final int PAGE_SIZE = 1000;

	private final HttpLogExporter exporter;

	private final BraintrustApiClient client;

	/**
	 * Create a catalog.
	 * @param exporter the exporter whose client and organization to use
	 */
	public RemoteExperimentCatalog(HttpLogExporter exporter) {
		this.exporter = exporter;
		this.client = exporter.apiClient();
	}

	/**
	 * The experiments of a project, oldest first; none when the project does not exist.
	 * @param projectName the project
	 * @return the experiments
	 * @throws BraintrustApiException when Braintrust cannot be read
	 */
	@Override
	public List<ExperimentInfo> list(String projectName) {
		List<ExperimentInfo> experiments = new ArrayList<>();
		String after = null;
		while (true) {
			Map<String, @Nullable Object> query = query(projectName);
			query.put("limit", PAGE_SIZE);
			query.put("starting_after", after);
			JsonNode page = this.client.get("/v1/experiment", query).path("objects");
			experiments.addAll(experiments(projectName, page));
			after = (page.size() < PAGE_SIZE) ? null : page.get(page.size() - 1).path("id").asString(null);
			if (after == null) {
				return oldestFirst(experiments);
			}
		}
	}

	/**
	 * Find an experiment with {@code GET /v1/experiment/{id}}.
	 * @param projectName the project
	 * @param id the experiment id
	 * @return the experiment, empty when Braintrust has none with that id in the project
	 * (or the id is not a Braintrust id: a name, say)
	 * @throws BraintrustApiException when Braintrust cannot be read
	 */
	@Override
	public Optional<ExperimentInfo> findById(String projectName, String id) {
		if (!isUuid(id)) {
			return Optional.empty();
		}
		JsonNode experiment;
		try {
			experiment = this.client.get("/v1/experiment/" + BraintrustApiClient.pathSegment(id), Map.of());
		}
		catch (BraintrustApiException ex) {
			if (ex.status() >= 400 && ex.status() < 500) {
				// Braintrust answers 403 (or 404) for an id it does not know
				return Optional.empty();
			}
			throw ex;
		}
		String projectId = projectId(projectName);
		if (projectId != null && !projectId.equals(experiment.path("project_id").asString(projectId))) {
			return Optional.empty();
		}
		return Optional.ofNullable(info(projectName, experiment));
	}

	@Override
	public Optional<ExperimentInfo> findByName(String projectName, String name) {
		Map<String, @Nullable Object> query = query(projectName);
		query.put("experiment_name", name);
		JsonNode objects = this.client.get("/v1/experiment", query).path("objects");
		List<ExperimentInfo> named = oldestFirst(experiments(projectName, objects).stream()
			.filter((experiment) -> experiment.name().equals(name))
			.toList());
		return named.isEmpty() ? Optional.empty() : Optional.of(named.get(named.size() - 1));
	}

	/**
	 * Read an experiment's rows: every span of every case, the newest version of each,
	 * oldest first.
	 * @param experiment the experiment
	 * @return its rows
	 * @throws BraintrustApiException when Braintrust cannot be read
	 */
	@Override
	public List<ObjectNode> readRows(ExperimentInfo experiment) {
		return this.client.fetchAll(ObjectType.EXPERIMENT, experiment.id(), null).rows();
	}

	/**
	 * The project's filter: its id once the exporter knows it, else its name (and the
	 * organization's, when known, in case the key reaches several).
	 */
	private Map<String, @Nullable Object> query(String projectName) {
		Map<String, @Nullable Object> query = new LinkedHashMap<>();
		String projectId = projectId(projectName);
		if (projectId != null) {
			query.put("project_id", projectId);
		}
		else {
			query.put("project_name", projectName);
			query.put("org_name", this.exporter.orgName());
		}
		return query;
	}

	private @Nullable String projectId(String projectName) {
		return this.exporter.projectId(ObjectRef.projectLogs(projectName, null));
	}

	private List<ExperimentInfo> experiments(String projectName, JsonNode objects) {
		List<ExperimentInfo> experiments = new ArrayList<>();
		for (JsonNode experiment : objects) {
			ExperimentInfo info = info(projectName, experiment);
			if (info != null) {
				experiments.add(info);
			}
		}
		return experiments;
	}

	private @Nullable ExperimentInfo info(String projectName, JsonNode experiment) {
		String id = experiment.path("id").asString(null);
		String name = experiment.path("name").asString(null);
		if (id == null || name == null || experiment.path("deleted_at").isString()) {
			return null;
		}
		return new ExperimentInfo(id, name, projectName, FetchedRows.created(experiment),
				this.exporter.permalinks().objectUrl(ObjectType.EXPERIMENT, projectName, name));
	}

	private static List<ExperimentInfo> oldestFirst(List<ExperimentInfo> experiments) {
		List<ExperimentInfo> sorted = new ArrayList<>(experiments);
		sorted.sort(Comparator.comparing(ExperimentInfo::created, Comparator.nullsFirst(Comparator.naturalOrder())));
		return sorted;
	}

	private static boolean isUuid(String value) {
		try {
			return UUID.fromString(value).toString().equalsIgnoreCase(value);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "RemoteExperimentCatalog[" + this.client.baseUrl() + "]";
	}

}

package dev.braintrust.spring.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.testsupport.FakeBraintrustState.ObjectKey;
import dev.braintrust.spring.testsupport.FakeBraintrustState.StoredRow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoints {@link FakeBraintrustServer} implements out of the box, answering from
 * its {@link FakeBraintrustState} as Braintrust would.
 */
final class StandardRoutes {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final int DEFAULT_FETCH_LIMIT = 1000;

	private final FakeBraintrustServer server;

	private final FakeBraintrustState state;

	private StandardRoutes(FakeBraintrustServer server) {
		this.server = server;
		this.state = server.state();
	}

	static void register(FakeBraintrustServer server) {
		StandardRoutes routes = new StandardRoutes(server);
		server.route("GET", "/v1", (request) -> FakeResponse.text(200, "Hello, World!"));
		server.route("GET", "/v1/organization", routes::organizations);
		server.route("POST", "/v1/project", routes::project);
		server.route("POST", "/v1/experiment", routes::experiment);
		server.route("POST", "/v1/dataset", routes::dataset);
		server.route("POST", "/v1/insert", routes::insert);
		server.route("POST", "/v1/experiment/{id}/fetch", (request) -> routes.fetch(ObjectType.EXPERIMENT, request));
		server.route("POST", "/v1/dataset/{id}/fetch", (request) -> routes.fetch(ObjectType.DATASET, request));
		server.route("POST", "/v1/project_logs/{id}/fetch",
				(request) -> routes.fetch(ObjectType.PROJECT_LOGS, request));
		server.route("GET", "/v1/experiment/{id}/summarize", routes::summarize);
		server.route("GET", "/v1/experiment", routes::listExperiments);
		server.route("GET", "/v1/experiment/{id}", routes::getExperiment);
		server.route("GET", "/v1/dataset/{id}/summarize", routes::summarizeDataset);
	}

	private FakeResponse organizations(FakeRequest request) {
		ObjectNode answer = NODES.objectNode();
		ObjectNode org = answer.putArray("objects").addObject();
		org.put("id", this.state.orgId());
		org.put("name", this.state.orgName());
		org.put("api_url", this.server.url());
		return FakeResponse.ok(answer);
	}

	private FakeResponse project(FakeRequest request) {
		JsonNode body = request.json();
		String orgName = body.path("org_name").asString(null);
		if (orgName != null && !orgName.equals(this.state.orgName())) {
			return FakeResponse.text(400,
					"Organization " + orgName + " not found; must be one of [" + this.state.orgName() + "]");
		}
		return FakeResponse
			.ok(this.state.getOrCreateProject(body.path("name").asString(), body.path("description").asString(null)));
	}

	private FakeResponse experiment(FakeRequest request) {
		JsonNode body = request.json();
		if (this.state.project(body.path("project_id").asString()) == null) {
			return FakeResponse.text(403, "No project with id " + body.path("project_id").asString());
		}
		return FakeResponse.ok(this.state.createExperiment(body));
	}

	/**
	 * The experiments matching the filters, newest first, {@code limit} at a time after
	 * the one named by {@code starting_after}.
	 */
	private FakeResponse listExperiments(FakeRequest request) {
		String orgName = request.queryParameter("org_name");
		String projectName = request.queryParameter("project_name");
		String projectId = request.queryParameter("project_id");
		String experimentName = request.queryParameter("experiment_name");
		List<String> ids = request.query().getOrDefault("ids", List.of());
		ObjectNode project = (projectName != null) ? this.state.projectNamed(projectName) : null;
		boolean none = (orgName != null && !orgName.equals(this.state.orgName()))
				|| (projectName != null && project == null);
		List<ObjectNode> matching = new ArrayList<>();
		for (ObjectNode experiment : this.state.experiments()) {
			String experimentProject = experiment.path("project_id").asString();
			if (none || (project != null && !experimentProject.equals(project.path("id").asString()))
					|| (projectId != null && !experimentProject.equals(projectId))
					|| (experimentName != null && !experiment.path("name").asString().equals(experimentName))
					|| (!ids.isEmpty() && !ids.contains(experiment.path("id").asString()))) {
				continue;
			}
			matching.add(0, experiment);
		}
		String after = request.queryParameter("starting_after");
		int start = 0;
		if (after != null) {
			for (int i = 0; i < matching.size(); i++) {
				if (matching.get(i).path("id").asString().equals(after)) {
					start = i + 1;
				}
			}
		}
		String limitParameter = request.queryParameter("limit");
		int limit = (limitParameter != null) ? Integer.parseInt(limitParameter) : DEFAULT_FETCH_LIMIT;
		ObjectNode answer = NODES.objectNode();
		ArrayNode objects = answer.putArray("objects");
		matching.subList(Math.min(start, matching.size()), Math.min(start + limit, matching.size()))
			.forEach(objects::add);
		return FakeResponse.ok(answer);
	}

	private FakeResponse getExperiment(FakeRequest request) {
		ObjectNode experiment = this.state.experiment(request.pathVariable("id"));
		return (experiment != null) ? FakeResponse.ok(experiment)
				: FakeResponse.text(403, "No experiment with id " + request.pathVariable("id"));
	}

	private FakeResponse dataset(FakeRequest request) {
		JsonNode body = request.json();
		if (this.state.project(body.path("project_id").asString()) == null) {
			return FakeResponse.text(403, "No project with id " + body.path("project_id").asString());
		}
		return FakeResponse.ok(this.state.getOrCreateDataset(body));
	}

	private FakeResponse insert(FakeRequest request) {
		JsonNode body = request.json();
		Map<ObjectKey, List<ObjectNode>> events = new LinkedHashMap<>();
		Map<ObjectKey, List<ObjectNode>> feedback = new LinkedHashMap<>();
		ObjectNode answer = NODES.objectNode();
		for (ObjectType type : ObjectType.values()) {
			JsonNode objects = body.get(type.wireName());
			if (objects == null || objects.isNull()) {
				continue;
			}
			ObjectNode typeAnswer = answer.putObject(type.wireName());
			for (Map.Entry<String, JsonNode> object : objects.properties()) {
				if (!this.state.exists(type, object.getKey())) {
					return FakeResponse.text(403, "No " + type.wireName() + " with id " + object.getKey()
							+ " (or no permission to write to it)");
				}
				ObjectKey key = new ObjectKey(type, object.getKey());
				ArrayNode rowIds = typeAnswer.putObject(object.getKey()).putArray("row_ids");
				for (JsonNode event : object.getValue().path("events")) {
					ObjectNode row = (ObjectNode) event.deepCopy();
					if (!row.path("id").isString()) {
						row.put("id", UUID.randomUUID().toString());
					}
					rowIds.add(row.path("id").asString());
					events.computeIfAbsent(key, (k) -> new ArrayList<>()).add(row);
				}
				for (JsonNode item : object.getValue().path("feedback")) {
					feedback.computeIfAbsent(key, (k) -> new ArrayList<>()).add((ObjectNode) item.deepCopy());
				}
			}
		}
		this.state.store(events, feedback);
		return FakeResponse.ok(answer);
	}

	/**
	 * The merged rows of an object, newest first, a page at a time: the cursor is the
	 * offset of the next page, and a page is empty (without a cursor) past the end, as in
	 * Braintrust.
	 */
	private FakeResponse fetch(ObjectType type, FakeRequest request) {
		String id = request.pathVariable("id");
		if (!this.state.exists(type, id)) {
			return FakeResponse.text(403, "No " + type.wireName() + " with id " + id);
		}
		JsonNode body = request.json();
		long maxXact = Long.MAX_VALUE;
		for (String bound : List.of("version", "max_xact_id")) {
			if (body.path(bound).isString()) {
				maxXact = Math.min(maxXact, Long.parseLong(body.path(bound).asString()));
			}
		}
		List<ObjectNode> events = events(type, id, maxXact);
		int offset = body.path("cursor").isString() ? Integer.parseInt(body.path("cursor").asString()) : 0;
		int limit = body.path("limit").isNumber() ? body.path("limit").asInt() : DEFAULT_FETCH_LIMIT;
		List<ObjectNode> page = events.subList(Math.min(offset, events.size()),
				Math.min(offset + limit, events.size()));
		ObjectNode answer = NODES.objectNode();
		ArrayNode list = answer.putArray("events");
		page.forEach(list::add);
		if (!page.isEmpty()) {
			answer.put("cursor", Integer.toString(offset + page.size()));
		}
		return FakeResponse.ok(answer);
	}

	/** Rows as fetch returns them: merged, with the system fields, newest first. */
	private List<ObjectNode> events(ObjectType type, String id, long maxXact) {
		List<StoredRow> stored = this.state.storedRows(new ObjectKey(type, id))
			.stream()
			.filter((row) -> row.xactId() <= maxXact)
			.toList();
		Map<String, StoredRow> latest = new LinkedHashMap<>();
		for (StoredRow row : stored) {
			latest.put(row.row().path("id").asString(), row);
		}
		String projectId = (type == ObjectType.PROJECT_LOGS) ? id : projectOf(type, id);
		List<ObjectNode> events = new ArrayList<>();
		for (ObjectNode merged : RowMerger.replay(stored.stream().map(StoredRow::row).toList())) {
			StoredRow last = latest.get(merged.path("id").asString());
			ObjectNode event = merged.deepCopy();
			event.put("_xact_id", Long.toString(last.xactId()));
			if (!event.path("created").isString()) {
				event.put("created", last.received().toString());
			}
			if (!event.path("span_id").isString()) {
				event.put("span_id", event.path("id").asString());
			}
			if (!event.path("root_span_id").isString()) {
				event.put("root_span_id", event.path("span_id").asString());
			}
			JsonNode parents = event.get("span_parents");
			event.put("is_root", parents == null || parents.isNull() || parents.isEmpty());
			event.put("project_id", projectId);
			switch (type) {
				case PROJECT_LOGS -> {
					event.put("org_id", this.state.orgId());
					event.put("log_id", "g");
				}
				case EXPERIMENT -> event.put("experiment_id", id);
				case DATASET -> {
					event.put("dataset_id", id);
					for (String field : List.of("output", "scores", "metrics", "span_attributes", "error", "context")) {
						event.remove(field);
					}
				}
			}
			events.add(event);
		}
		events.sort(Comparator.comparing((ObjectNode event) -> Long.parseLong(event.path("_xact_id").asString()))
			.reversed());
		return events;
	}

	private FakeResponse summarize(FakeRequest request) {
		String id = request.pathVariable("id");
		ObjectNode experiment = this.state.experiment(id);
		if (experiment == null) {
			return FakeResponse.text(403, "No experiment with id " + id);
		}
		boolean summarizeScores = "true".equals(request.queryParameter("summarize_scores"));
		String comparisonId = request.queryParameter("comparison_experiment_id");
		ObjectNode comparison = (comparisonId != null) ? this.state.experiment(comparisonId) : null;
		if (comparisonId != null && comparison == null) {
			return FakeResponse.text(400, "No experiment with id " + comparisonId + " to compare with");
		}
		if (comparisonId == null && summarizeScores) {
			// as the spec says: the stored base_exp_id, else the project's latest other
			// experiment
			comparison = defaultComparison(experiment);
			comparisonId = (comparison != null) ? comparison.path("id").asString() : null;
		}
		ObjectNode project = this.state.project(experiment.path("project_id").asString());
		String projectName = (project != null) ? project.path("name").asString() : "unknown";
		String projectUrl = this.server.url() + "/app/" + encode(this.state.orgName()) + "/p/" + encode(projectName);
		ObjectNode answer = NODES.objectNode();
		answer.put("project_name", projectName);
		answer.put("experiment_name", experiment.path("name").asString());
		answer.put("project_url", projectUrl);
		answer.put("experiment_url", projectUrl + "/experiments/" + encode(experiment.path("name").asString()));
		if (comparison != null) {
			answer.put("comparison_experiment_name", comparison.path("name").asString());
		}
		if (summarizeScores) {
			List<ObjectNode> current = roots(id);
			List<ObjectNode> base = (comparison != null) ? roots(comparisonId) : List.of();
			answer.set("scores", scoreSummaries(current, base, comparison != null));
			answer.set("metrics", metricSummaries(current, base, comparison != null));
		}
		return FakeResponse.ok(answer);
	}

	private FakeResponse summarizeDataset(FakeRequest request) {
		String id = request.pathVariable("id");
		ObjectNode dataset = this.state.dataset(id);
		if (dataset == null) {
			return FakeResponse.text(403, "No dataset with id " + id);
		}
		ObjectNode project = this.state.project(dataset.path("project_id").asString());
		String projectName = (project != null) ? project.path("name").asString() : "unknown";
		String projectUrl = this.server.url() + "/app/" + encode(this.state.orgName()) + "/p/" + encode(projectName);
		ObjectNode answer = NODES.objectNode();
		answer.put("project_name", projectName);
		answer.put("dataset_name", dataset.path("name").asString());
		answer.put("project_url", projectUrl);
		answer.put("dataset_url", projectUrl + "/datasets/" + encode(dataset.path("name").asString()));
		if ("true".equals(request.queryParameter("summarize_data"))) {
			answer.putObject("data_summary").put("total_records", this.state.mergedRows(ObjectType.DATASET, id).size());
		}
		else {
			answer.putNull("data_summary");
		}
		return FakeResponse.ok(answer);
	}

	private @Nullable ObjectNode defaultComparison(ObjectNode experiment) {
		String baseId = experiment.path("base_exp_id").asString(null);
		if (baseId != null) {
			return this.state.experiment(baseId);
		}
		ObjectNode latest = null;
		for (ObjectNode other : this.state.experiments()) {
			if (other.path("id").asString().equals(experiment.path("id").asString())) {
				break;
			}
			if (other.path("project_id").asString().equals(experiment.path("project_id").asString())) {
				latest = other;
			}
		}
		return latest;
	}

	/**
	 * One row per trace: its root span, with the scores logged anywhere in the trace, as
	 * Braintrust summarizes them (evals log scores on their score spans).
	 */
	private List<ObjectNode> roots(String experimentId) {
		List<ObjectNode> rows = this.state.mergedRows(ObjectType.EXPERIMENT, experimentId);
		Map<String, ObjectNode> traceScores = new LinkedHashMap<>();
		for (ObjectNode row : rows) {
			String trace = row.path("root_span_id").asString(row.path("id").asString());
			ObjectNode scores = traceScores.computeIfAbsent(trace, (key) -> NODES.objectNode());
			row.path("scores").properties().forEach((score) -> scores.set(score.getKey(), score.getValue()));
		}
		List<ObjectNode> roots = new ArrayList<>();
		for (ObjectNode row : rows) {
			JsonNode parents = row.get("span_parents");
			if (parents == null || parents.isNull() || parents.isEmpty()) {
				ObjectNode root = row.deepCopy();
				root.set("scores", traceScores.get(row.path("root_span_id").asString(row.path("id").asString())));
				roots.add(root);
			}
		}
		return roots;
	}

	private static ObjectNode scoreSummaries(List<ObjectNode> current, List<ObjectNode> base, boolean compare) {
		ObjectNode summaries = NODES.objectNode();
		for (String name : fieldNames(current, "scores")) {
			Double score = average(current, "scores", name);
			if (score == null) {
				continue;
			}
			ObjectNode summary = summaries.putObject(name);
			summary.put("name", name);
			summary.put("score", score);
			comparison(summary, current, base, "scores", name, compare);
		}
		return summaries;
	}

	private static ObjectNode metricSummaries(List<ObjectNode> current, List<ObjectNode> base, boolean compare) {
		ObjectNode summaries = NODES.objectNode();
		Double duration = averageDuration(current);
		if (duration != null) {
			ObjectNode summary = summaries.putObject("duration");
			summary.put("name", "duration");
			summary.put("metric", duration);
			summary.put("unit", "s");
			Double baseDuration = averageDuration(base);
			if (compare && baseDuration != null) {
				summary.put("diff", duration - baseDuration);
			}
			summary.put("improvements", 0);
			summary.put("regressions", 0);
		}
		for (String name : fieldNames(current, "metrics")) {
			if (name.equals("start") || name.equals("end")) {
				continue;
			}
			Double metric = average(current, "metrics", name);
			if (metric == null) {
				continue;
			}
			ObjectNode summary = summaries.putObject(name);
			summary.put("name", name);
			summary.put("metric", metric);
			summary.put("unit", name.contains("tokens") ? "tok" : "");
			comparison(summary, current, base, "metrics", name, compare);
		}
		return summaries;
	}

	/** Diff of the averages; improvements and regressions over cases matched by input. */
	private static void comparison(ObjectNode summary, List<ObjectNode> current, List<ObjectNode> base, String field,
			String name, boolean compare) {
		int improvements = 0;
		int regressions = 0;
		Double baseAverage = average(base, field, name);
		if (compare && baseAverage != null) {
			summary.put("diff", summary.path(field.equals("scores") ? "score" : "metric").asDouble() - baseAverage);
			Map<String, Double> baseByInput = new LinkedHashMap<>();
			for (ObjectNode row : base) {
				JsonNode value = row.path(field).path(name);
				if (value.isNumber()) {
					baseByInput.put(row.path("input").toString(), value.asDouble());
				}
			}
			for (ObjectNode row : current) {
				JsonNode value = row.path(field).path(name);
				Double before = baseByInput.get(row.path("input").toString());
				if (value.isNumber() && before != null) {
					improvements += (value.asDouble() > before) ? 1 : 0;
					regressions += (value.asDouble() < before) ? 1 : 0;
				}
			}
		}
		summary.put("improvements", improvements);
		summary.put("regressions", regressions);
	}

	private static List<String> fieldNames(List<ObjectNode> rows, String field) {
		List<String> names = new ArrayList<>();
		for (ObjectNode row : rows) {
			for (String name : row.path(field).propertyNames()) {
				if (!names.contains(name)) {
					names.add(name);
				}
			}
		}
		return names;
	}

	private static @Nullable Double average(List<ObjectNode> rows, String field, String name) {
		double sum = 0;
		int count = 0;
		for (ObjectNode row : rows) {
			JsonNode value = row.path(field).path(name);
			if (value.isNumber()) {
				sum += value.asDouble();
				count++;
			}
		}
		return (count > 0) ? sum / count : null;
	}

	private static @Nullable Double averageDuration(List<ObjectNode> rows) {
		double sum = 0;
		int count = 0;
		for (ObjectNode row : rows) {
			JsonNode start = row.path("metrics").path("start");
			JsonNode end = row.path("metrics").path("end");
			if (start.isNumber() && end.isNumber()) {
				sum += end.asDouble() - start.asDouble();
				count++;
			}
		}
		return (count > 0) ? sum / count : null;
	}

	private @Nullable String projectOf(ObjectType type, String id) {
		ObjectNode object = (type == ObjectType.EXPERIMENT) ? this.state.experiment(id) : this.state.dataset(id);
		return (object != null) ? object.path("project_id").asString() : null;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}

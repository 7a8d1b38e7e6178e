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
		String comparisonId = request.queryParameter("comparison_experiment_id");
		ObjectNode comparison = (comparisonId != null) ? this.state.experiment(comparisonId) : null;
		if (comparisonId != null && comparison == null) {
			return FakeResponse.text(400, "No experiment with id " + comparisonId + " to compare with");
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
		if (!"false".equals(request.queryParameter("summarize_scores"))) {
			List<ObjectNode> current = roots(id);
			List<ObjectNode> base = (comparison != null) ? roots(comparisonId) : List.of();
			answer.set("scores", scoreSummaries(current, base, comparison != null));
			answer.set("metrics", metricSummaries(current, base, comparison != null));
		}
		return FakeResponse.ok(answer);
	}

	private List<ObjectNode> roots(String experimentId) {
		return this.state.mergedRows(ObjectType.EXPERIMENT, experimentId).stream().filter((row) -> {
			JsonNode parents = row.get("span_parents");
			return parents == null || parents.isNull() || parents.isEmpty();
		}).toList();
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

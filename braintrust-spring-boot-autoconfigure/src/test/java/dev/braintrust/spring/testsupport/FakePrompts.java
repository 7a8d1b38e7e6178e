package dev.braintrust.spring.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prompts served by a {@link FakeBraintrustServer}: {@code GET /v1/prompt} and {@code GET
 * /v1/prompt/{prompt_id}}, with versions (each {@link #save save} is a new
 * {@code _xact_id}) and environments ({@link #deploy}), answering as Braintrust does: the
 * latest version unless {@code version} or {@code environment} is given, never both
 * (400). A prompt id that does not exist is answered 403, the status the fake server uses
 * for objects it does not know. Requests and answers are validated against the OpenAPI
 * spec like every other route.
 */
public final class FakePrompts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FakeBraintrustServer server;

	private final Map<String, List<ObjectNode>> versions = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> deployments = new LinkedHashMap<>();

	private final AtomicLong xact = new AtomicLong(1000192656880881000L);

	private FakePrompts(FakeBraintrustServer server) {
		this.server = server;
	}

	/**
	 * Serve prompts from a server.
	 * @param server the server
	 * @return the prompts it serves, empty at first
	 */
	public static FakePrompts register(FakeBraintrustServer server) {
		FakePrompts prompts = new FakePrompts(server);
		server.route("GET", "/v1/prompt", prompts::list);
		server.route("GET", "/v1/prompt/{prompt_id}", prompts::get);
		return prompts;
	}

	/**
	 * Save a new version of a prompt, as editing it in the Braintrust app does; the
	 * project is created if needed.
	 * @param project the project name
	 * @param slug the prompt's slug
	 * @param promptData the {@code prompt_data} JSON
	 * @return the stored prompt object, with its id and version ({@code _xact_id})
	 */
	public synchronized ObjectNode save(String project, String slug, String promptData) {
		String projectId = this.server.state().createProject(project);
		String id = this.versions.keySet()
			.stream()
			.filter((promptId) -> latest(promptId).path("project_id").asString().equals(projectId)
					&& latest(promptId).path("slug").asString().equals(slug))
			.findFirst()
			.orElseGet(() -> UUID.randomUUID().toString());
		ObjectNode prompt = JSON.createObjectNode();
		prompt.put("id", id);
		prompt.put("_xact_id", Long.toString(this.xact.incrementAndGet()));
		prompt.put("project_id", projectId);
		prompt.put("log_id", "p");
		prompt.put("org_id", this.server.state().orgId());
		prompt.put("name", slug.replace('-', ' '));
		prompt.put("slug", slug);
		prompt.putNull("description");
		prompt.put("created", Instant.now().toString());
		prompt.set("prompt_data", JSON.readTree(promptData));
		prompt.putNull("tags");
		prompt.putNull("metadata");
		prompt.putNull("function_type");
		this.versions.computeIfAbsent(id, (key) -> new ArrayList<>()).add(prompt);
		return prompt.deepCopy();
	}

	/**
	 * Deploy a version of a prompt to an environment.
	 * @param environment the environment slug
	 * @param promptId the prompt id
	 * @param version the version ({@code _xact_id})
	 */
	public synchronized void deploy(String environment, String promptId, String version) {
		if (version(promptId, version) == null) {
			throw new IllegalArgumentException("No version " + version + " of prompt " + promptId);
		}
		this.deployments.computeIfAbsent(promptId, (key) -> new LinkedHashMap<>()).put(environment, version);
	}

	private synchronized FakeResponse list(FakeRequest request) {
		String version = request.queryParameter("version");
		String environment = request.queryParameter("environment");
		if (version != null && environment != null) {
			return FakeResponse.text(400, "Cannot specify both version and environment");
		}
		String orgName = request.queryParameter("org_name");
		if (orgName != null && !orgName.equals(this.server.state().orgName())) {
			return FakeResponse.ok(objects(List.of()));
		}
		String projectId = request.queryParameter("project_id");
		String projectName = request.queryParameter("project_name");
		if (projectId == null && projectName != null) {
			ObjectNode project = this.server.state().projectNamed(projectName);
			if (project == null) {
				return FakeResponse.ok(objects(List.of()));
			}
			projectId = project.path("id").asString();
		}
		String slug = request.queryParameter("slug");
		List<String> ids = request.query().getOrDefault("ids", List.of());
		List<ObjectNode> matches = new ArrayList<>();
		for (String id : this.versions.keySet()) {
			ObjectNode latest = latest(id);
			if ((projectId == null || latest.path("project_id").asString().equals(projectId))
					&& (slug == null || latest.path("slug").asString().equals(slug))
					&& (ids.isEmpty() || ids.contains(id))) {
				ObjectNode chosen = choose(id, version, environment);
				if (chosen != null) {
					matches.add(chosen);
				}
			}
		}
		String limit = request.queryParameter("limit");
		if (environment != null && matches.size() > 1 && !"1".equals(limit)) {
			return FakeResponse.text(400, "Environment resolution requires the request to match a single prompt");
		}
		if (limit != null && matches.size() > Integer.parseInt(limit)) {
			matches = matches.subList(0, Integer.parseInt(limit));
		}
		return FakeResponse.ok(objects(matches));
	}

	private synchronized FakeResponse get(FakeRequest request) {
		String id = request.pathVariable("prompt_id");
		String version = request.queryParameter("version");
		String environment = request.queryParameter("environment");
		if (version != null && environment != null) {
			return FakeResponse.text(400, "Cannot specify both version and environment");
		}
		ObjectNode chosen = this.versions.containsKey(id) ? choose(id, version, environment) : null;
		if (chosen == null) {
			return FakeResponse.text(403, "No prompt with id " + id + " (or no permission to read it)");
		}
		return FakeResponse.ok(chosen);
	}

	private @Nullable ObjectNode choose(String id, @Nullable String version, @Nullable String environment) {
		if (version != null) {
			return version(id, version);
		}
		if (environment != null) {
			String deployed = this.deployments.getOrDefault(id, Map.of()).get(environment);
			return (deployed != null) ? version(id, deployed) : null;
		}
		return latest(id).deepCopy();
	}

	private @Nullable ObjectNode version(String id, String version) {
		return this.versions.getOrDefault(id, List.of())
			.stream()
			.filter((prompt) -> prompt.path("_xact_id").asString().equals(version))
			.findFirst()
			.map(ObjectNode::deepCopy)
			.orElse(null);
	}

	private ObjectNode latest(String id) {
		List<ObjectNode> all = this.versions.get(id);
		return all.get(all.size() - 1);
	}

	private static JsonNode objects(List<ObjectNode> prompts) {
		ObjectNode answer = JSON.createObjectNode();
		answer.putArray("objects").addAll(prompts);
		return answer;
	}

}

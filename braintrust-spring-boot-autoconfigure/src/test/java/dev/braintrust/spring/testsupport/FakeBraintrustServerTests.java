package dev.braintrust.spring.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.logger.ObjectType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FakeBraintrustServer}: it must reject what Braintrust would reject, or
 * the tests built on it prove nothing.
 */
@Timeout(60)
class FakeBraintrustServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private FakeBraintrustServer server;

	@BeforeEach
	void startServer() {
		this.server = FakeBraintrustServer.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void findsTheSpecFromTheSystemPropertyOrBySearchingUpwards() {
		Path spec = BraintrustOpenApi.specFile();
		assertThat(spec).isRegularFile().hasFileName("braintrust-openapi.json");
		String previous = System.getProperty(BraintrustOpenApi.SHARED_DIR_PROPERTY);
		System.setProperty(BraintrustOpenApi.SHARED_DIR_PROPERTY, "/does/not/exist");
		try {
			assertThat(BraintrustOpenApi.specFile()).isEqualTo(spec);
		}
		finally {
			restore(previous);
		}
	}

	@Test
	void answers400WithTheValidationErrorsForARequestTheSpecRejects() throws Exception {
		String projectId = createProject("p");
		HttpResponse<String> response = post("/v1/insert", "{\"project_logs\":{\"" + projectId
				+ "\":{\"events\":[{\"id\":\"r1\",\"scores\":{\"accuracy\":5}}]}}}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("/scores/accuracy").contains("maximum");
		assertThat(this.server.state().rawRows(ObjectType.PROJECT_LOGS, projectId)).isEmpty();
		List<String> failures = this.server.takeValidationFailures();
		assertThat(failures).singleElement().asString().contains("POST /v1/insert").contains("maximum");
	}

	@Test
	void rejectsPathParametersThatAreNotUuidsAndUnknownPaths() throws Exception {
		assertThat(get("/v1/experiment/not-a-uuid/summarize").statusCode()).isEqualTo(400);
		assertThat(post("/v1/nothing-here", "{}").statusCode()).isEqualTo(400);
		assertThat(this.server.takeValidationFailures()).hasSize(2)
			.anySatisfy((failure) -> assertThat(failure).contains("not a valid UUID"))
			.anySatisfy((failure) -> assertThat(failure).contains("No API path found"));
	}

	@Test
	void requestsWithoutCredentialsFailValidationAndAWrongKeyGets401() throws Exception {
		HttpResponse<String> anonymous = this.client
			.send(HttpRequest.newBuilder(URI.create(this.server.url() + "/v1/insert"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(400);
		assertThat(this.server.takeValidationFailures()).singleElement()
			.asString()
			.contains("requires security parameters");
		HttpResponse<String> wrongKey = this.client
			.send(HttpRequest.newBuilder(URI.create(this.server.url() + "/v1/project"))
				.header("Authorization", "Bearer wrong")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"p\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(wrongKey.statusCode()).isEqualTo(401);
	}

	@Test
	void projectsAreGetOrCreateAndExperimentsWithEnsureNewAreAlwaysNew() throws Exception {
		String first = createProject("shop");
		assertThat(createProject("shop")).isEqualTo(first);
		String body = "{\"project_id\":\"" + first + "\",\"name\":\"run\",\"ensure_new\":true}";
		JsonNode one = JSON.readTree(post("/v1/experiment", body).body());
		JsonNode two = JSON.readTree(post("/v1/experiment", body).body());
		assertThat(one.path("id").asString()).isNotEqualTo(two.path("id").asString());
		assertThat(two.path("name").asString()).isEqualTo("run-1");
		String dataset = "{\"project_id\":\"" + first + "\",\"name\":\"cases\"}";
		assertThat(JSON.readTree(post("/v1/dataset", dataset).body()).path("id").asString())
			.isEqualTo(JSON.readTree(post("/v1/dataset", dataset).body()).path("id").asString());
	}

	@Test
	void storesInsertedRowsAndServesTheirMergedViewThroughFetchInPages() throws Exception {
		String projectId = createProject("p");
		String experimentId = JSON
			.readTree(post("/v1/experiment", "{\"project_id\":\"" + projectId + "\",\"name\":\"e\"}").body())
			.path("id")
			.asString();
		HttpResponse<String> inserted = post("/v1/insert", "{\"experiment\":{\"" + experimentId + "\":{\"events\":["
				+ "{\"id\":\"a\",\"span_id\":\"s1\",\"root_span_id\":\"s1\",\"input\":1,\"_is_merge\":false},"
				+ "{\"id\":\"b\",\"span_id\":\"s2\",\"root_span_id\":\"s1\",\"span_parents\":[\"s1\"],\"input\":2},"
				+ "{\"id\":\"a\",\"output\":3,\"_is_merge\":true}],"
				+ "\"feedback\":[{\"id\":\"a\",\"scores\":{\"ok\":1},\"source\":\"external\"}]}}}");
		assertThat(inserted.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(inserted.body()).path("experiment").path(experimentId).path("row_ids").size())
			.isEqualTo(3);
		assertThat(this.server.state().mergedRows(ObjectType.EXPERIMENT, experimentId)).hasSize(2)
			.first()
			.satisfies((row) -> {
				assertThat(row.path("input").asInt()).isEqualTo(1);
				assertThat(row.path("output").asInt()).isEqualTo(3);
				assertThat(row.path("scores").path("ok").asInt()).isEqualTo(1);
			});
		JsonNode page = JSON.readTree(post("/v1/experiment/" + experimentId + "/fetch", "{\"limit\":1}").body());
		assertThat(page.path("events")).hasSize(1);
		JsonNode next = JSON.readTree(post("/v1/experiment/" + experimentId + "/fetch",
				"{\"limit\":1,\"cursor\":\"" + page.path("cursor").asString() + "\"}")
			.body());
		assertThat(next.path("events")).hasSize(1);
		JsonNode end = JSON.readTree(post("/v1/experiment/" + experimentId + "/fetch",
				"{\"limit\":1,\"cursor\":\"" + next.path("cursor").asString() + "\"}")
			.body());
		assertThat(end.path("events")).isEmpty();
		assertThat(end.has("cursor")).isFalse();
	}

	@Test
	void summarizesAnExperimentAgainstABase() throws Exception {
		String projectId = createProject("p");
		String base = experimentWith(projectId, "base", 0.5);
		String current = experimentWith(projectId, "current", 1.0);
		HttpResponse<String> response = get(
				"/v1/experiment/" + current + "/summarize?summarize_scores=true&comparison_experiment_id=" + base);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode summary = JSON.readTree(response.body());
		assertThat(summary.path("experiment_name").asString()).isEqualTo("current");
		assertThat(summary.path("comparison_experiment_name").asString()).isEqualTo("base");
		assertThat(summary.path("scores").path("accuracy").path("score").asDouble()).isEqualTo(1.0);
		assertThat(summary.path("scores").path("accuracy").path("diff").asDouble()).isEqualTo(0.5);
		assertThat(summary.path("scores").path("accuracy").path("improvements").asInt()).isEqualTo(1);
		assertThat(summary.path("metrics").path("duration").path("metric").asDouble()).isEqualTo(2.0);
	}

	@Test
	void injectsStatusFaultsWithRetryAfterThenAnswersNormally() throws Exception {
		this.server.failNext("/v1/project", 1, Fault.tooManyRequests(Duration.ofSeconds(3)));
		this.server.failNext("/v1/project", 1, Fault.serviceUnavailable());
		HttpResponse<String> limited = post("/v1/project", "{\"name\":\"p\"}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(post("/v1/project", "{\"name\":\"p\"}").statusCode()).isEqualTo(503);
		assertThat(post("/v1/project", "{\"name\":\"p\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesConnectionsThenAcceptsThemOnTheSamePortWithItsState() throws Exception {
		String projectId = createProject("kept");
		this.server.refuseConnections();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> post("/v1/project", "{\"name\":\"p\"}"));
		this.server.acceptConnections();
		assertThat(createProject("kept")).isEqualTo(projectId);
		assertThat(this.server.restarts()).isEqualTo(1);
	}

	@Test
	void aRestartInTheMiddleOfARequestDropsTheConnectionAndComesBack() throws Exception {
		String projectId = createProject("p");
		this.server.failNext("/v1/insert", 1, Fault.restart(Duration.ofMillis(200), true));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post("/v1/insert",
				"{\"project_logs\":{\"" + projectId + "\":{\"events\":[{\"id\":\"x\",\"input\":1}]}}}"));
		assertThat(this.server.state().rowIds(ObjectType.PROJECT_LOGS, projectId)).containsExactly("x");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> post("/v1/project", "{\"name\":\"p\"}").statusCode() == 200);
	}

	@Test
	void slowResponsesAreProcessedBeforeTheyAnswer() throws Exception {
		this.server.failNext("/v1/project", 1, Fault.slow(Duration.ofSeconds(2)));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.server.url() + "/v1/project"))
			.header("Authorization", "Bearer " + this.server.apiKey())
			.header("Content-Type", "application/json")
			.timeout(Duration.ofMillis(200))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"slow\"}"))
			.build();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.client.send(request, HttpResponse.BodyHandlers.ofString()));
		assertThat(this.server.state().projectNamed("slow")).isNotNull();
	}

	@Test
	void moreEndpointsCanBeAddedAndTheirAnswersAreValidated() throws Exception {
		this.server.route("GET", "/v1/prompt", (request) -> FakeResponse.ok(JSON.readTree("{\"objects\":[]}")));
		assertThat(get("/v1/prompt?project_name=p&slug=s").statusCode()).isEqualTo(200);
		this.server.route("GET", "/v1/prompt", (request) -> FakeResponse.ok(JSON.readTree("{\"wrong\":true}")));
		get("/v1/prompt?project_name=p&slug=s");
		assertThat(this.server.takeValidationFailures()).singleElement()
			.asString()
			.contains("response to GET /v1/prompt violates the OpenAPI spec");
	}

	@Test
	void aSpecPathWithoutARouteIsAFailure() throws Exception {
		assertThat(get("/v1/prompt?project_name=p&slug=s").statusCode()).isEqualTo(500);
		assertThat(this.server.takeValidationFailures())
			.anySatisfy((failure) -> assertThat(failure).contains("no route for GET /v1/prompt"));
	}

	private String experimentWith(String projectId, String name, double score) throws Exception {
		String id = JSON
			.readTree(post("/v1/experiment", "{\"project_id\":\"" + projectId + "\",\"name\":\"" + name + "\"}").body())
			.path("id")
			.asString();
		post("/v1/insert", "{\"experiment\":{\"" + id + "\":{\"events\":[{\"id\":\"" + name + "-1\",\"input\":\"q\","
				+ "\"scores\":{\"accuracy\":" + score + "},\"metrics\":{\"start\":10,\"end\":12}}]}}}");
		return id;
	}

	private String createProject(String name) throws Exception {
		HttpResponse<String> response = post("/v1/project", "{\"name\":\"" + name + "\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("id").asString();
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(this.server.url() + path))
			.header("Authorization", "Bearer " + this.server.apiKey())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(this.server.url() + path))
			.header("Authorization", "Bearer " + this.server.apiKey())
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void restore(String previous) {
		if (previous != null) {
			System.setProperty(BraintrustOpenApi.SHARED_DIR_PROPERTY, previous);
		}
		else {
			System.clearProperty(BraintrustOpenApi.SHARED_DIR_PROPERTY);
		}
	}

	static boolean exists(Path path) {
		return Files.exists(path);
	}

}

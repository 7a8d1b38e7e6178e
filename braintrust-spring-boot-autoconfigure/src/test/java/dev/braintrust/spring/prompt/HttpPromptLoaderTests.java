package dev.braintrust.spring.prompt;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer.RecordedRequest;
import dev.braintrust.spring.testsupport.FakePrompts;
import dev.braintrust.spring.testsupport.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HttpPromptLoader} and {@link BraintrustPrompts} against the fake
 * Braintrust server, which validates every request and answer against Braintrust's
 * OpenAPI spec.
 *
 * @author Braintrust
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class HttpPromptLoaderTests {

	private static final String PROJECT = "Support bot";

	private final FakeBraintrustServer server = FakeBraintrustServer.start();

	private final FakePrompts fakePrompts = FakePrompts.register(this.server);

	@TempDir
	Path cacheDirectory;

	@AfterEach
	void stopServer() {
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void loadsTheLatestVersion() {
		ObjectNode first = save("You help customers of {{shop}}.");
		ObjectNode second = save("You help customers of {{shop}}, briefly.");
		BraintrustPrompt prompt = prompts().load(PROJECT, "answer-question");
		assertThat(prompt.id()).isEqualTo(first.path("id").asString()).isEqualTo(second.path("id").asString());
		assertThat(prompt.version()).isEqualTo(second.path("_xact_id").asString());
		assertThat(prompt.projectId()).isEqualTo(this.server.state().projectNamed(PROJECT).path("id").asString());
		assertThat(prompt.build(Map.of("shop", "Tea")).messages().get(0)).containsEntry("content",
				"You help customers of Tea, briefly.");
		RecordedRequest request = this.server.requests("GET", "/v1/prompt").get(0);
		assertThat(request.query()).containsEntry("project_name", List.of(PROJECT))
			.containsEntry("slug", List.of("answer-question"))
			.doesNotContainKeys("version", "environment");
		assertThat(request.authorization()).isEqualTo("Bearer " + FakeBraintrustServer.DEFAULT_API_KEY);
	}

	@Test
	void loadsAPinnedVersion() {
		ObjectNode first = save("Version one.");
		save("Version two.");
		BraintrustPrompt prompt = prompts().load(PromptRequest.slug("answer-question")
			.project(PROJECT)
			.version(first.path("_xact_id").asString())
			.build());
		assertThat(prompt.version()).isEqualTo(first.path("_xact_id").asString());
		assertThat(prompt.build().messages().get(0)).containsEntry("content", "Version one.");
		assertThat(this.server.requests("GET", "/v1/prompt").get(0).query()).containsEntry("version",
				List.of(first.path("_xact_id").asString()));
	}

	@Test
	void loadsTheVersionDeployedToAnEnvironment() {
		ObjectNode first = save("Version one.");
		save("Version two.");
		this.fakePrompts.deploy("production", first.path("id").asString(), first.path("_xact_id").asString());
		BraintrustPrompts prompts = prompts();
		BraintrustPrompt production = prompts
			.load(PromptRequest.slug("answer-question").project(PROJECT).environment("production").build());
		assertThat(production.version()).isEqualTo(first.path("_xact_id").asString());
		assertThat(this.server.requests("GET", "/v1/prompt").get(0).query()).containsEntry("environment",
				List.of("production"));
		assertThatExceptionOfType(PromptNotFoundException.class)
			.isThrownBy(() -> prompts
				.load(PromptRequest.slug("answer-question").project(PROJECT).environment("staging").build()))
			.withMessage("The prompt 'answer-question' (project 'Support bot', environment 'staging') was not found "
					+ "in Braintrust");
	}

	@Test
	void loadsById() {
		ObjectNode first = save("Version one.");
		ObjectNode second = save("Version two.");
		this.fakePrompts.deploy("production", first.path("id").asString(), first.path("_xact_id").asString());
		BraintrustPrompts prompts = prompts();
		String id = first.path("id").asString();
		assertThat(prompts.loadById(id).version()).isEqualTo(second.path("_xact_id").asString());
		assertThat(prompts.load(PromptRequest.id(id).version(first.path("_xact_id").asString()).build()).version())
			.isEqualTo(first.path("_xact_id").asString());
		assertThat(prompts.load(PromptRequest.id(id).environment("production").build()).version())
			.isEqualTo(first.path("_xact_id").asString());
		assertThat(this.server.requests("GET", "/v1/prompt/" + id)).extracting(RecordedRequest::query)
			.containsExactly(Map.of(), Map.of("version", List.of(first.path("_xact_id").asString())),
					Map.of("environment", List.of("production")));
	}

	@Test
	void loadsByProjectId() {
		save("By project id.");
		String projectId = this.server.state().projectNamed(PROJECT).path("id").asString();
		BraintrustPrompt prompt = prompts().load(PromptRequest.slug("answer-question").projectId(projectId).build());
		assertThat(prompt.projectId()).isEqualTo(projectId);
		assertThat(this.server.requests("GET", "/v1/prompt").get(0).query())
			.containsEntry("project_id", List.of(projectId))
			.doesNotContainKey("project_name");
	}

	@Test
	void versionAndEnvironmentTogetherFailBeforeAnyRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> prompts().load(
				PromptRequest.slug("answer-question").project(PROJECT).version("1").environment("production").build()))
			.withMessageContaining("at a version or from an environment, not both");
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void notFoundNamesTheProjectSlugAndVersion() {
		save("Exists.");
		BraintrustPrompts prompts = prompts();
		assertThatExceptionOfType(PromptNotFoundException.class)
			.isThrownBy(() -> prompts.load(PROJECT, "does-not-exist"))
			.withMessage("The prompt 'does-not-exist' (project 'Support bot', latest version) was not found in "
					+ "Braintrust");
		assertThatExceptionOfType(PromptNotFoundException.class)
			.isThrownBy(() -> prompts
				.load(PromptRequest.slug("answer-question").project(PROJECT).version("1000000000000000001").build()))
			.withMessage("The prompt 'answer-question' (project 'Support bot', version '1000000000000000001') was "
					+ "not found in Braintrust");
		assertThatExceptionOfType(PromptNotFoundException.class)
			.isThrownBy(() -> prompts.load("No such project", "answer-question"))
			.withMessageContaining("(project 'No such project', latest version) was not found");
	}

	@Test
	void whileTheServerIsDownTheCacheServesWhatWasLoaded() {
		ObjectNode saved = save("Cached.");
		BraintrustPrompts prompts = prompts();
		BraintrustPrompt loaded = prompts.load(PROJECT, "answer-question");
		this.server.refuseConnections();
		assertThat(prompts.load(PROJECT, "answer-question").toJson()).isEqualTo(loaded.toJson());
		int requests = this.server.requests().size();
		assertThat(prompts
			.load(PromptRequest.slug("answer-question")
				.project(PROJECT)
				.version(saved.path("_xact_id").asString())
				.build())
			.version()).isEqualTo(saved.path("_xact_id").asString());
		assertThat(prompts
			.load(PromptRequest.id(saved.path("id").asString()).version(saved.path("_xact_id").asString()).build())
			.version()).isEqualTo(saved.path("_xact_id").asString());
		assertThat(this.server.requests()).hasSize(requests);
		this.server.acceptConnections();
		this.server.failAll(Fault.serviceUnavailable());
		assertThat(prompts.load(PROJECT, "answer-question").version()).isEqualTo(saved.path("_xact_id").asString());
		this.server.clearFaults();
	}

	@Test
	void afterARestartTheDiskCacheServesPromptsWhileTheServerIsDown() {
		ObjectNode saved = save("From disk.");
		prompts().load(PROJECT, "answer-question");
		this.server.refuseConnections();
		BraintrustPrompts restarted = prompts();
		BraintrustPrompt prompt = restarted.load(PROJECT, "answer-question");
		assertThat(prompt.version()).isEqualTo(saved.path("_xact_id").asString());
		assertThat(prompt.build().messages().get(0)).containsEntry("content", "From disk.");
	}

	@Test
	void neitherReachableNorCachedNamesThePrompt(CapturedOutput output) {
		this.server.refuseConnections();
		assertThatExceptionOfType(PromptUnavailableException.class)
			.isThrownBy(() -> prompts()
				.load(PromptRequest.slug("answer-question").project(PROJECT).version("1000192656880881099").build()))
			.withMessageStartingWith("The prompt 'answer-question' (project 'Support bot', version "
					+ "'1000192656880881099') cannot be loaded: Braintrust cannot be used (GET /v1/prompt could not "
					+ "reach " + this.server.url() + " (ConnectException")
			.withMessageEndingWith(
					"and the prompt is not in the prompt cache (" + this.cacheDirectory.toAbsolutePath() + ")")
			.withMessageNotContaining(FakeBraintrustServer.DEFAULT_API_KEY);
		assertThat(output).doesNotContain(FakeBraintrustServer.DEFAULT_API_KEY);
	}

	@Test
	void aRejectedKeyIsReportedWithoutTheKey(CapturedOutput output) {
		save("Secret.");
		BraintrustPrompts prompts = prompts("sk-wrong-key-0123456789");
		assertThatExceptionOfType(PromptUnavailableException.class)
			.isThrownBy(() -> prompts.load(PROJECT, "answer-question"))
			.withMessageContaining("GET /v1/prompt answered 401: Invalid API key")
			.withMessageNotContaining("sk-wrong-key-0123456789");
		assertThat(prompts.toString()).doesNotContain("sk-wrong-key-0123456789");
		assertThat(output).doesNotContain("sk-wrong-key-0123456789");
	}

	@Test
	void anUnknownPromptIdIsReportedWithTheServersMessage() {
		assertThatExceptionOfType(PromptUnavailableException.class)
			.isThrownBy(() -> prompts().loadById("8f14e45f-ceea-467f-a0e6-2b2a6a4b1c3d"))
			.withMessageStartingWith("The prompt with id '8f14e45f-ceea-467f-a0e6-2b2a6a4b1c3d' (latest version) "
					+ "cannot be loaded: Braintrust cannot be used (GET /v1/prompt/8f14e45f-ceea-467f-a0e6-2b2a6a4b1c3d "
					+ "answered 403: No prompt with id");
	}

	@Test
	void promptMetadataOfABuiltPromptNamesTheLoadedVersion() {
		ObjectNode saved = save("Hello {{name}}.");
		BuiltPrompt built = prompts().load(PROJECT, "answer-question").build(Map.of("name", "Ada"));
		assertThat(built.promptMetadata()).containsEntry("id", saved.path("id").asString())
			.containsEntry("project_id", saved.path("project_id").asString())
			.containsEntry("version", saved.path("_xact_id").asString())
			.containsEntry("variables", Map.of("name", "Ada"));
	}

	private ObjectNode save(String system) {
		return this.fakePrompts.save(PROJECT, "answer-question", """
				{"prompt":{"type":"chat","messages":[{"role":"system","content":"%s"},
				  {"role":"user","content":"{{question}}"}]},
				 "options":{"model":"gpt-4o","params":{"temperature":0.2,"use_cache":true}},
				 "template_format":"mustache"}
				""".formatted(system));
	}

	private BraintrustPrompts prompts() {
		return prompts(FakeBraintrustServer.DEFAULT_API_KEY);
	}

	private BraintrustPrompts prompts(String apiKey) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		return BraintrustPrompts.builder()
			.remote(new HttpPromptLoader(client, this.server.url(), apiKey, null, Duration.ofSeconds(5)))
			.cache(new PromptCache(16, this.cacheDirectory, 16))
			.build();
	}

}

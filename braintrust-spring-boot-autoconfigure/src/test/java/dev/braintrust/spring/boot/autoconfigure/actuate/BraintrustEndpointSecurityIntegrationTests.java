package dev.braintrust.spring.boot.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalCase;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.Scorer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Security recipe of {@code docs/actuator.md},
 * {@link ActuatorSecurityConfiguration} exactly as documented, in a web application on a
 * random port, called over real HTTP with basic authentication: who may read the
 * {@code braintrust} endpoint, who may start a run and flush, and that scripts need no
 * CSRF token.
 *
 * @author Braintrust
 */
@Timeout(120)
class BraintrustEndpointSecurityIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OPS = "ops";

	private static final String OPERATOR = "operator";

	private static final String PASSWORD = "{noop}s3cret-for-tests";

	@TempDir
	Path store;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void healthIsPublicOpsReadsAndOnlyOperatorsStartRunsAndFlush() throws Exception {
		try (ConfigurableApplicationContext application = start()) {
			String base = "http://127.0.0.1:" + port(application) + "/actuator";

			HttpResponse<String> anonymous = send(base + "/braintrust", "GET", null);
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
			assertThat(anonymous.body()).doesNotContain("doubling");
			assertThat(send(base + "/braintrust/doubling", "POST", null).statusCode()).isEqualTo(401);
			assertThat(send(base + "/braintrust", "GET", "nobody").statusCode()).isEqualTo(401);

			HttpResponse<String> health = send(base + "/health", "GET", null);
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");

			HttpResponse<String> read = send(base + "/braintrust", "GET", OPS);
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(read.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).contains("json"));
			JsonNode status = JSON.readTree(read.body());
			assertThat(status.get("mode").asString()).isEqualTo("local");
			assertThat(status.at("/evals/doubling/source").asString()).isNotEmpty();

			assertThat(send(base + "/braintrust/doubling", "POST", OPS).statusCode()).isEqualTo(403);
			assertThat(send(base + "/braintrust", "POST", OPS).statusCode()).isEqualTo(403);
			assertThat(getJson(base + "/braintrust/doubling", OPS).has("run")).as("a run started by OPS").isFalse();

			// no CSRF token and no session: what a script sends
			HttpResponse<String> started = send(base + "/braintrust/doubling", "POST", OPERATOR);
			assertThat(started.statusCode()).isEqualTo(202);
			String runId = JSON.readTree(started.body()).at("/run/id").asString();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(getJson(base + "/braintrust/doubling", OPS).at("/run/state").asString())
					.isEqualTo("COMPLETED"));
			JsonNode run = getJson(base + "/braintrust/doubling", OPERATOR).get("run");
			assertThat(run.get("id").asString()).isEqualTo(runId);
			assertThat(run.get("completedCases").asInt()).isEqualTo(2);
			assertThat(run.at("/scores/exact").asDouble()).isEqualTo(1.0);

			HttpResponse<String> flushed = send(base + "/braintrust", "POST", OPERATOR);
			assertThat(flushed.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(flushed.body()).get("complete").asBoolean()).isTrue();
		}
	}

	@Test
	void followsTheEndpointsPathMapping() throws Exception {
		try (ConfigurableApplicationContext application = start(
				"management.endpoints.web.path-mapping.braintrust=eval-admin")) {
			String base = "http://127.0.0.1:" + port(application) + "/actuator/eval-admin";

			assertThat(send(base, "GET", null).statusCode()).isEqualTo(401);
			assertThat(send(base, "GET", OPS).statusCode()).isEqualTo(200);
			assertThat(send(base + "/doubling", "POST", OPS).statusCode()).isEqualTo(403);
			assertThat(send(base, "POST", OPS).statusCode()).isEqualTo(403);
			assertThat(send(base, "POST", OPERATOR).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theDocumentedSnippetIsThisConfiguration() throws Exception {
		Path repository = repository();
		String source = Files.readString(repository.resolve("braintrust-spring-boot-autoconfigure/src/test/java/"
				+ ActuatorSecurityConfiguration.class.getName().replace('.', '/') + ".java"));
		String withoutPackage = source.substring(source.indexOf("\n\n") + 2);
		String docs = Files.readString(repository.resolve("docs/actuator.md"));

		assertThat(docs).contains("```java\n" + withoutPackage + "```\n");
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(SecuredApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"braintrust.mode=local", "braintrust.local.directory=" + this.store, "braintrust.project=security",
					"management.endpoints.web.exposure.include=health,braintrust",
					"management.endpoint.braintrust.access=unrestricted")
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private JsonNode getJson(String url, String user) throws Exception {
		HttpResponse<String> response = send(url, "GET", user);
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(String url, String method, @Nullable String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			String credentials = user + ":" + PASSWORD.substring("{noop}".length());
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The repository root: passed by the build, else the nearest parent holding docs. */
	private static Path repository() {
		String passed = System.getProperty("braintrust.repository.dir", "");
		if (!passed.isBlank() && !passed.startsWith("${")) {
			return Path.of(passed);
		}
		for (Path candidate = Path.of("").toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve("docs/actuator.md"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("docs/actuator.md not found; set -Dbraintrust.repository.dir");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ActuatorSecurityConfiguration.class)
	static class SecuredApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(User.withUsername(OPS).password(PASSWORD).roles("OPS").build(),
					User.withUsername(OPERATOR).password(PASSWORD).roles("OPS", "BRAINTRUST_OPERATOR").build());
		}

		@Bean
		@Eval("doubling")
		EvalDefinition<Integer, Integer> doubling() {
			return EvalDefinition.<Integer, Integer>builder()
				.data(EvalData.of(EvalCase.of(1, 2), EvalCase.of(3, 6)))
				.task((input) -> input * 2)
				.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
				.build();
		}

	}

}

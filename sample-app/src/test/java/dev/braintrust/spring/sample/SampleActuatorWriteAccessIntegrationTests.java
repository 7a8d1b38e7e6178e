package dev.braintrust.spring.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the {@code braintrust} endpoint's write operations once an
 * operator grants {@code management.endpoint.braintrust.access=unrestricted}.
 *
 * @author Braintrust
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "braintrust.mode=local", "spring.ai.model.chat=offline", "braintrust.eval.run-on-startup=false",
				"offline-model.first-token-delay=0ms", "offline-model.token-delay=0ms",
				"management.endpoint.braintrust.access=unrestricted" })
class SampleActuatorWriteAccessIntegrationTests {

	@TempDir
	static Path store;

	@DynamicPropertySource
	static void storeDirectory(DynamicPropertyRegistry registry) {
		registry.add("braintrust.local.directory", () -> store.toString());
	}

	@LocalServerPort
	int port;

	private ActuatorClient actuator;

	@BeforeEach
	void client() {
		this.actuator = new ActuatorClient(this.port);
	}

	@Test
	@Timeout(120)
	void startsARunRefusesASecondAndShowsTheResult() throws Exception {
		HttpResponse<String> started = this.actuator.post("/actuator/braintrust/support-answers");
		HttpResponse<String> again = this.actuator.post("/actuator/braintrust/support-answers");

		assertThat(started.statusCode()).isEqualTo(202);
		JsonNode start = ActuatorClient.json(started);
		assertThat(start.get("started").asBoolean()).isTrue();
		assertThat(start.get("poll").asString()).isEqualTo("/actuator/braintrust/support-answers");
		String runId = start.at("/run/id").asString();
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(ActuatorClient.json(again).get("started").asBoolean()).isFalse();
		assertThat(ActuatorClient.json(again).at("/run/id").asString()).isEqualTo(runId);

		await().atMost(Duration.ofSeconds(100))
			.untilAsserted(() -> assertThat(
					this.actuator.getJson("/actuator/braintrust/support-answers").at("/run/state").asString())
				.isEqualTo("COMPLETED"));
		JsonNode run = this.actuator.getJson("/actuator/braintrust/support-answers").get("run");
		assertThat(run.get("id").asString()).isEqualTo(runId);
		assertThat(run.get("completedCases").asInt()).isEqualTo(20);
		assertThat(run.get("passed").asBoolean()).isTrue();
		assertThat(run.at("/scores/ExactMatch").asDouble()).isGreaterThanOrEqualTo(0.8);
		assertThat(this.actuator.getJson("/actuator/braintrust").at("/evals/support-answers/run/id").asString())
			.isEqualTo(runId);
	}

	@Test
	@Timeout(30)
	void refusesToStartAnUnknownEval() throws Exception {
		assertThat(this.actuator.post("/actuator/braintrust/no-such-eval").statusCode()).isEqualTo(404);
	}

	@Test
	@Timeout(30)
	void flushesThePipeline() throws Exception {
		HttpResponse<String> response = this.actuator.post("/actuator/braintrust");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode flush = ActuatorClient.json(response);
		assertThat(flush.get("complete").asBoolean()).isTrue();
		assertThat(flush.get("queued").asLong()).isZero();
		assertThat(flush.has("sent")).isTrue();
	}

}

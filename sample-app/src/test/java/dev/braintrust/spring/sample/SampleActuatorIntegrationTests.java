package dev.braintrust.spring.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.braintrust.spring.logger.BraintrustLogger;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the sample application's actuator with its defaults: the
 * {@code braintrust} endpoint reads, refuses writes, and the {@code braintrust} health
 * component stays out of the readiness group.
 *
 * @author Braintrust
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "braintrust.mode=local", "spring.ai.model.chat=offline", "braintrust.eval.run-on-startup=false",
				"management.endpoint.health.probes.enabled=true" })
class SampleActuatorIntegrationTests {

	@TempDir
	static Path store;

	@DynamicPropertySource
	static void storeDirectory(DynamicPropertyRegistry registry) {
		registry.add("braintrust.local.directory", () -> store.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	BraintrustLogger logger;

	@Autowired
	MeterRegistry meterRegistry;

	private ActuatorClient actuator;

	@BeforeEach
	void client() {
		this.actuator = new ActuatorClient(this.port);
	}

	@Test
	@Timeout(30)
	void readsWhereRowsGoThePipelineAndTheEvals() throws Exception {
		this.logger.log((event) -> event.input("ping"));
		this.logger.flush();

		HttpResponse<String> response = this.actuator.get("/actuator/braintrust");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode status = ActuatorClient.json(response);
		assertThat(status.get("mode").asString()).isEqualTo("local");
		assertThat(status.has("apiKey")).as("no key, no hint; null fields are left out").isFalse();
		assertThat(status.at("/project/name").asString()).isEqualTo("support-bot");
		assertThat(status.at("/localStore/directory").asString()).isEqualTo(store.toString());
		assertThat(status.at("/localStore/writable").asBoolean()).isTrue();
		assertThat(status.at("/pipeline/sent").asLong()).isPositive();
		assertThat(status.at("/pipeline/lastSuccessTime").asString()).isNotBlank();
		assertThat(status.get("evals").propertyNames()).contains("support-answers");
	}

	@Test
	@Timeout(30)
	void readsAnEvalsDefinition() throws Exception {
		HttpResponse<String> response = this.actuator.get("/actuator/braintrust/support-answers");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode eval = ActuatorClient.json(response);
		assertThat(eval.get("name").asString()).isEqualTo("support-answers");
		assertThat(eval.get("scorers").toString()).contains("ExactMatch");
		assertThat(eval.get("data").asString()).contains("support-questions.jsonl");
		assertThat(this.actuator.get("/actuator/braintrust/no-such-eval").statusCode()).isEqualTo(404);
	}

	@Test
	@Timeout(30)
	void refusesToStartARunOrFlushByDefault() throws Exception {
		assertThat(this.actuator.post("/actuator/braintrust/support-answers").statusCode()).isEqualTo(405);
		assertThat(this.actuator.post("/actuator/braintrust").statusCode()).isEqualTo(405);
		assertThat(this.actuator.getJson("/actuator/braintrust/support-answers").has("run")).isFalse();
	}

	@Test
	@Timeout(30)
	void healthShowsBraintrustButReadinessDoesNot() throws Exception {
		JsonNode health = this.actuator.getJson("/actuator/health");
		assertThat(health.at("/components/braintrust/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/braintrust/details/mode").asString()).isEqualTo("local");

		HttpResponse<String> readiness = this.actuator.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).doesNotContain("braintrust");
	}

	@Test
	void registersThePipelinesMeters() {
		assertThat(this.meterRegistry.get("braintrust.rows").functionCounters()).hasSize(5);
		assertThat(this.meterRegistry.get("braintrust.queue.size").gauge()).isNotNull();
		assertThat(this.meterRegistry.get("braintrust.export.latency").functionTimer()).isNotNull();
	}

}

package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BraintrustApiClient} and {@link HttpLogExporter#resolve(ObjectRef)}
 * against the {@link FakeBraintrustServer}.
 *
 * @author Braintrust
 */
@Timeout(60)
class BraintrustApiClientTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FakeBraintrustServer server;

	private final RecordingSleeper sleeper = RecordingSleeper.sleeping();

	private HttpLogExporter exporter;

	@BeforeEach
	void start() {
		this.server = FakeBraintrustServer.start();
		this.exporter = HttpLogExporter.builder(this.server.url(), this.server.apiKey())
			.appUrl(this.server.url())
			.maxRetries(2)
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(20))
			.sleeper(this.sleeper)
			.build();
	}

	@AfterEach
	void stop() {
		this.exporter.shutdown();
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void sharesTheExportersUrlAndKeyAndEncodesTheQuery() {
		this.server.state().createProject("a&b c/d");

		JsonNode answer = this.exporter.apiClient().get("/v1/experiment", Map.of("project_name", "a&b c/d"));

		assertThat(answer.path("objects").isArray()).isTrue();
		assertThat(this.server.requests("GET", "/v1/experiment")).singleElement().satisfies((request) -> {
			assertThat(request.query()).containsEntry("project_name", List.of("a&b c/d"));
			assertThat(request.authorization()).isEqualTo("Bearer " + this.server.apiKey());
		});
		assertThat(this.exporter.apiClient().baseUrl()).isEqualTo(this.server.url());
		assertThat(this.exporter.apiClient().toString()).doesNotContain(this.server.apiKey());
	}

	@Test
	void retriesTransientFailuresWithTheExportersBackoff() {
		this.server.failNext("/v1/experiment", 2, Fault.serviceUnavailable());

		JsonNode answer = this.exporter.apiClient().get("/v1/experiment", Map.of());

		assertThat(answer.path("objects").isArray()).isTrue();
		assertThat(this.server.requests("GET", "/v1/experiment")).hasSize(3);
		assertThat(this.sleeper.sleeps()).hasSize(2);
	}

	@Test
	void givesUpAfterTheRetriesWithTheLastError() {
		this.server.failAll(Fault.serviceUnavailable());

		assertThatExceptionOfType(BraintrustApiException.class)
			.isThrownBy(() -> this.exporter.apiClient().get("/v1/experiment", Map.of()))
			.withMessageContaining("GET /v1/experiment answered HTTP 503")
			.withMessageContaining("after 2 retries")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(this.server.requests("GET", "/v1/experiment")).hasSize(3);
	}

	@Test
	void aRefusalIsNotRetriedAndNeverShowsTheKey() {
		this.server.failNext("/v1/experiment", 1,
				Fault.reject(403, "key " + this.server.apiKey() + " may not read this project"));

		assertThatExceptionOfType(BraintrustApiException.class)
			.isThrownBy(() -> this.exporter.apiClient().get("/v1/experiment", Map.of()))
			.withMessageContaining("HTTP 403")
			.withMessageContaining("key **** may not read")
			.withMessageNotContaining(this.server.apiKey());
		assertThat(this.server.requests("GET", "/v1/experiment")).hasSize(1);
	}

	@Test
	void fetchPagesThroughAnObjectsRows() {
		String projectId = this.server.state().createProject("p");
		String experimentId = this.server.state().createExperiment(projectId, "e");
		ObjectRef experiment = ObjectRef.experiment("p", projectId, "e", experimentId);
		PipelineCounters counters = new PipelineCounters();
		try (BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("p", projectId))
			.exporter(this.exporter)
			.counters(counters)
			.build()) {
			BraintrustLogger experimentLogger = logger.forObject(experiment);
			for (int i = 0; i < 5; i++) {
				experimentLogger.log(LogEvent.builder().input(i).build());
				// one insert, one transaction, per row
				logger.flush();
			}
		}

		FetchedPage first = this.exporter.apiClient().fetchPage(ObjectType.EXPERIMENT, experimentId, 2, null, null);
		FetchedRows all = this.exporter.apiClient().fetchAll(ObjectType.EXPERIMENT, experimentId, null);

		assertThat(first.rows()).hasSize(2);
		assertThat(first.cursor()).isNotNull();
		// newest first in pages, oldest first once collected
		assertThat(first.rows().get(0).path("input").asInt()).isEqualTo(4);
		assertThat(all.rows()).extracting((row) -> row.path("input").asInt()).containsExactly(0, 1, 2, 3, 4);
		assertThat(all.maxXactId()).isEqualTo(first.rows().get(0).path("_xact_id").asString());
	}

	@Test
	void resolveRegistersAnObjectOnceAndItsRowsFollowIt() {
		ObjectRef experiment = ObjectRef.newExperiment("shop", null, "nightly", null);

		String id = this.exporter.resolve(experiment);

		assertThat(this.exporter.resolve(experiment)).isEqualTo(id);
		assertThat(this.exporter.objectId(experiment)).isEqualTo(id);
		assertThat(this.exporter.projectId(experiment))
			.isEqualTo(this.server.state().projectNamed("shop").path("id").asString());
		assertThat(this.server.requests("POST", "/v1/project")).hasSize(1);
		assertThat(this.server.requests("POST", "/v1/experiment")).hasSize(1);
		try (BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(this.exporter)
			.build()) {
			logger.forObject(experiment).log(LogEvent.builder().input("q").build());
			logger.flush();
		}
		assertThat(this.server.requests("POST", "/v1/experiment")).hasSize(1);
		assertThat(this.server.state().mergedRows(ObjectType.EXPERIMENT, id)).hasSize(1);
	}

	@Test
	void resolveFailsClearlyWhenBraintrustRefuses() {
		this.server.failNext("/v1/project", 1, Fault.reject(403, "no write access"));

		assertThatExceptionOfType(BraintrustApiException.class)
			.isThrownBy(() -> this.exporter.resolve(ObjectRef.newExperiment("shop", null, "nightly", null)))
			.withMessageContaining("POST /v1/project answered HTTP 403: no write access");
	}

	@Test
	void collectedRowsKeepTheNewestVersionOfEachId() {
		List<ObjectNode> events = List.of(
				event("{\"id\":\"b\",\"_xact_id\":\"12\",\"created\":\"2025-01-01T00:00:02Z\",\"v\":2}"),
				event("{\"id\":\"a\",\"_xact_id\":\"11\",\"created\":\"2025-01-01T00:00:01+00:00\",\"v\":1}"),
				event("{\"id\":\"b\",\"_xact_id\":\"9\",\"created\":\"2025-01-01T00:00:02Z\",\"v\":0}"));

		FetchedRows rows = FetchedRows.of(events);

		assertThat(rows.rows()).extracting((row) -> row.path("id").asString() + row.path("v").asInt())
			.containsExactly("a1", "b2");
		assertThat(rows.maxXactId()).isEqualTo("12");
		assertThat(FetchedRows.compareXactIds("1000196050000000010", "999")).isPositive();
		assertThat(FetchedRows.compareXactIds("0012", "12")).isZero();
	}

	@Test
	void percentEncodesEverythingButUnreservedCharacters() {
		assertThat(PercentEncoding.encode("matt/re-1761837293")).isEqualTo("matt%2Fre-1761837293");
		assertThat(PercentEncoding.encode("a b+c*d~e_f.g")).isEqualTo("a%20b%2Bc%2Ad~e_f.g");
		assertThat(PercentEncoding.encode("ünï")).isEqualTo("%C3%BCn%C3%AF");
		assertThat(BraintrustApiClient.pathSegment("plain-id")).isEqualTo("plain-id");
	}

	private static ObjectNode event(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

}

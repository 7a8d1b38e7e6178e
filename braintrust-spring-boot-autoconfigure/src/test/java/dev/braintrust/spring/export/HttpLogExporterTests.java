package dev.braintrust.spring.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.Feedback;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.logger.RowKind;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer.RecordedRequest;
import dev.braintrust.spring.testsupport.FakeResponse;
import dev.braintrust.spring.testsupport.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpLogExporter} against the {@link FakeBraintrustServer}: real HTTP,
 * every request validated against Braintrust's OpenAPI spec.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class HttpLogExporterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path temp;

	private FakeBraintrustServer server;

	private final PipelineCounters counters = new PipelineCounters();

	private final RecordingSleeper sleeper = RecordingSleeper.sleeping();

	private final List<BraintrustLogger> loggers = new ArrayList<>();

	@BeforeEach
	void startServer() {
		this.server = FakeBraintrustServer.start();
	}

	@AfterEach
	void stop() {
		this.loggers.forEach(BraintrustLogger::close);
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void sendsNothingUntilRowsAreExportedThenRegistersTheProjectOnce() {
		BraintrustLogger logger = logger(exporter().build());
		assertThat(this.server.requests()).isEmpty();
		String first = logger.log(LogEvent.builder().input("a").output("b").build());
		assertThat(logger.flush()).isTrue();
		String second = logger.log(LogEvent.builder().input("c").output("d").build());
		assertThat(logger.flush()).isTrue();
		assertThat(this.server.requests("POST", "/v1/project")).hasSize(1);
		assertThat(this.server.requests("POST", "/v1/insert")).hasSize(2);
		assertThat(this.server.state().projectLogs("shop")).extracting((row) -> row.path("id").asString())
			.containsExactly(first, second);
		assertThat(logger.stats().sent()).isEqualTo(2);
		assertThat(this.server.requests())
			.allSatisfy((request) -> assertThat(request.authorization()).isEqualTo("Bearer " + this.server.apiKey()));
	}

	@Test
	void aSpanArrivesMergedWithItsFields() {
		BraintrustLogger logger = logger(exporter().build());
		String id = logger.traced("checkout", (span) -> {
			span.log(LogEvent.builder().input("cart").output("paid").metadata("user", 7).score("ok", 1).build());
			return span.id();
		});
		logger.flush();
		ObjectNode row = single(this.server.state().projectLogs("shop"));
		assertThat(row.path("id").asString()).isEqualTo(id);
		assertThat(row.path("input").asString()).isEqualTo("cart");
		assertThat(row.path("output").asString()).isEqualTo("paid");
		assertThat(row.path("metadata").path("user").asInt()).isEqualTo(7);
		assertThat(row.path("scores").path("ok").asDouble()).isEqualTo(1.0);
		assertThat(row.path("span_attributes").path("name").asString()).isEqualTo("checkout");
		assertThat(row.path("metrics").has("start")).isTrue();
		assertThat(row.path("metrics").has("end")).isTrue();
	}

	@Test
	void skipsProjectRegistrationWhenTheProjectIdIsKnown() {
		String projectId = this.server.state().createProject("known");
		BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("known", projectId))
			.exporter(exporter().build())
			.counters(this.counters)
			.scheduleDelay(Duration.ofMillis(20))
			.build();
		this.loggers.add(logger);
		logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(this.server.requests("POST", "/v1/project")).isEmpty();
		assertThat(this.server.state().mergedRows(ObjectType.PROJECT_LOGS, projectId)).hasSize(1);
	}

	@Test
	void createsEachExperimentAnewAndDatasetsOnceAndFilesRowsUnderThem() {
		BraintrustLogger logger = logger(exporter().build());
		ObjectNode options = JSON.createObjectNode().put("description", "nightly run");
		options.putObject("metadata").put("model", "gpt");
		BraintrustLogger experiment = logger.forObject(ObjectRef.newExperiment("shop", null, "nightly", options));
		BraintrustLogger again = logger.forObject(ObjectRef.newExperiment("shop", null, "nightly", null));
		experiment.log(LogEvent.builder().input("q").output("a").score("accuracy", 0.5).build());
		again.log(LogEvent.builder().input("q").output("b").build());
		ObjectRef dataset = ObjectRef.dataset("shop", null, "cases", null);
		for (int i = 0; i < 2; i++) {
			ObjectNode record = JSON.createObjectNode().put("id", "case-" + i).put("input", "in-" + i);
			record.put("expected", "out-" + i);
			logger.rowSink().emit(dataset, RowKind.EVENT, record);
		}
		logger.flush();
		List<RecordedRequest> created = this.server.requests("POST", "/v1/experiment");
		assertThat(created).hasSize(2);
		JsonNode request = JSON.readTree(created.get(0).body());
		assertThat(request.path("ensure_new").asBoolean()).isTrue();
		assertThat(request.path("name").asString()).isEqualTo("nightly");
		assertThat(request.path("description").asString()).isEqualTo("nightly run");
		assertThat(request.path("metadata").path("model").asString()).isEqualTo("gpt");
		assertThat(this.server.state().experiments()).extracting((e) -> e.path("name").asString())
			.containsExactlyInAnyOrder("nightly", "nightly-1");
		assertThat(this.server.state().experimentRows("nightly")).singleElement()
			.satisfies((row) -> assertThat(row.path("scores").path("accuracy").asDouble()).isEqualTo(0.5));
		assertThat(this.server.requests("POST", "/v1/dataset")).hasSize(1);
		String datasetId = this.server.state().datasets().get(0).path("id").asString();
		assertThat(this.server.state().mergedRows(ObjectType.DATASET, datasetId))
			.extracting((row) -> row.path("expected").asString())
			.containsExactly("out-0", "out-1");
	}

	@Test
	void rowsOfAnExistingExperimentNeedNoRegistration() {
		String projectId = this.server.state().createProject("shop");
		String experimentId = this.server.state().createExperiment(projectId, "earlier");
		BraintrustLogger logger = logger(exporter().build());
		logger.forObject(ObjectRef.experiment("shop", projectId, "earlier", experimentId))
			.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(this.server.requests("POST", "/v1/experiment")).isEmpty();
		assertThat(this.server.state().mergedRows(ObjectType.EXPERIMENT, experimentId)).hasSize(1);
	}

	@Test
	void feedbackItemsGoIntoTheFeedbackList() {
		BraintrustLogger logger = logger(exporter().build());
		String id = logger.log(LogEvent.builder().input("q").output("a").build());
		logger.flush();
		logger.logFeedback(Feedback.forRow(id).score("helpful", 1).comment("great").build());
		logger.flush();
		String projectId = this.server.state().projectNamed("shop").path("id").asString();
		JsonNode body = JSON.readTree(this.server.requests("POST", "/v1/insert").get(1).body());
		assertThat(body.path("project_logs").path(projectId).has("events")).isFalse();
		assertThat(body.path("project_logs").path(projectId).path("feedback")).hasSize(1);
		assertThat(this.server.state().feedback(ObjectType.PROJECT_LOGS, projectId)).singleElement()
			.satisfies((item) -> assertThat(item.path("comment").asString()).isEqualTo("great"));
		assertThat(single(this.server.state().projectLogs("shop")).path("scores").path("helpful").asDouble())
			.isEqualTo(1.0);
	}

	@Test
	void boundsRequestsByRowsAndBytes() {
		BraintrustLogger logger = logger(exporter().maxRequestRows(10).maxRequestSize(4096).build());
		for (int i = 0; i < 55; i++) {
			logger.log(LogEvent.builder().input("input " + i).output("x".repeat(100)).build());
		}
		logger.flush();
		List<RecordedRequest> inserts = this.server.requests("POST", "/v1/insert");
		assertThat(inserts).hasSizeGreaterThanOrEqualTo(6).allSatisfy((insert) -> {
			assertThat(insert.body().length).isLessThanOrEqualTo(4096);
			assertThat(rowCount(insert)).isLessThanOrEqualTo(10);
		});
		assertThat(this.server.state().projectLogs("shop")).hasSize(55);
	}

	@Test
	void aRowTooLargeForAnyRequestIsReportedWrittenAndCounted(CapturedOutput output) throws IOException {
		Path failed = this.temp.resolve("failed");
		BraintrustLogger logger = logger(exporter().maxRequestSize(2048).failedPayloadsDirectory(failed).build());
		String small = logger.log(LogEvent.builder().input("small").build());
		String large = logger.log(LogEvent.builder().input("secret-content-" + "y".repeat(5000)).build());
		logger.flush();
		assertThat(this.server.state().projectLogs("shop")).extracting((row) -> row.path("id").asString())
			.containsExactly(small);
		assertThat(logger.stats().rejected()).isEqualTo(1);
		assertThat(logger.stats().dropped()).isZero();
		assertThat(output).contains("Braintrust row " + large)
			.contains("braintrust.export.max-request-size")
			.doesNotContain("secret-content");
		assertThat(payloadFiles(failed)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains(large).contains("secret-content"));
	}

	@Test
	void retriesServerErrorsWithBackoffUntilTheyPass() {
		BraintrustLogger logger = logger(exporter().build());
		this.server.failNext("/v1/insert", 2, Fault.serviceUnavailable());
		logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(this.server.requests("POST", "/v1/insert")).hasSize(3);
		assertThat(this.server.state().projectLogs("shop")).hasSize(1);
		assertThat(logger.stats().retried()).isEqualTo(2);
		assertThat(logger.stats().sent()).isEqualTo(1);
		assertThat(this.sleeper.sleeps()).hasSize(2);
	}

	@Test
	void honoursRetryAfter() {
		RecordingSleeper recorder = RecordingSleeper.recordingOnly();
		BraintrustLogger logger = logger(exporter().sleeper(recorder).build());
		this.server.failNext("/v1/insert", 1, Fault.tooManyRequests(Duration.ofSeconds(3)));
		logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(recorder.sleeps()).singleElement().isEqualTo(Duration.ofSeconds(3));
		assertThat(this.server.state().projectLogs("shop")).hasSize(1);
	}

	@Test
	void honoursRetryAfterGivenAsAnHttpDate() {
		RecordingSleeper recorder = RecordingSleeper.recordingOnly();
		BraintrustLogger logger = logger(exporter().sleeper(recorder).build());
		this.server.failNext("/v1/insert", 1,
				Fault.tooManyRequestsUntil(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)));
		logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		// the date has whole seconds and is read a moment after it was written
		assertThat(recorder.sleeps()).singleElement()
			.satisfies((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
		assertThat(this.server.state().projectLogs("shop")).hasSize(1);
	}

	@Test
	void retriesARequestThatTimedOutAndTheRowArrivesAtLeastOnce() {
		BraintrustLogger logger = logger(exporter().requestTimeout(Duration.ofMillis(300)).build());
		logger.log(LogEvent.builder().input("warm-up").build());
		logger.flush();
		this.server.failNext("/v1/insert", 1, Fault.slow(Duration.ofMillis(1500)));
		String id = logger.log(LogEvent.builder().input("x").output("y").build());
		logger.flush();
		String projectId = this.server.state().projectNamed("shop").path("id").asString();
		assertThat(this.server.state().rawRows(ObjectType.PROJECT_LOGS, projectId))
			.filteredOn((row) -> row.path("id").asString().equals(id))
			.hasSize(2);
		assertThat(this.server.state().projectLogs("shop")).filteredOn((row) -> row.path("id").asString().equals(id))
			.singleElement()
			.satisfies((row) -> assertThat(row.path("output").asString()).isEqualTo("y"));
		assertThat(logger.stats().retried()).isEqualTo(1);
		assertThat(logger.stats().failedExports()).isZero();
	}

	@Test
	void retriesWhenTheServerRestartsInTheMiddleOfABatch() {
		BraintrustLogger logger = logger(exporter().maxRetries(20).build());
		logger.log(LogEvent.builder().input("warm-up").build());
		logger.flush();
		this.server.failNext("/v1/insert", 1, Fault.restart(Duration.ofMillis(300), false));
		String id = logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(this.server.restarts()).isEqualTo(1);
		assertThat(this.server.state().projectLogs("shop")).extracting((row) -> row.path("id").asString()).contains(id);
		assertThat(logger.stats().dropped()).isZero();
	}

	@Test
	void aRejectedBatchIsReportedOnceWithStatusMessageAndRowIdsAndNotRetried(CapturedOutput output) throws IOException {
		Path failed = this.temp.resolve("failed");
		BraintrustLogger logger = logger(exporter().failedPayloadsDirectory(failed).build());
		this.server.failNext("/v1/insert", 1, Fault.reject(403, "API key lacks write access to project logs"));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(logger.log(LogEvent.builder().input("x" + i).build()));
		}
		logger.flush();
		assertThat(this.server.requests("POST", "/v1/insert")).hasSize(1);
		assertThat(logger.stats().rejected()).isEqualTo(3);
		assertThat(logger.stats().retried()).isZero();
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("Braintrust rejected")).toList();
		assertThat(lines).singleElement()
			.asString()
			.contains("HTTP 403")
			.contains("POST /v1/insert")
			.contains("API key lacks write access to project logs")
			.contains(ids.get(0), ids.get(1), ids.get(2));
		assertThat(payloadFiles(failed)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains(ids.get(0), ids.get(2)));
	}

	@Test
	void aRowTheSpecRejectsIsReportedWithTheServersValidationErrors(CapturedOutput output) {
		BraintrustLogger logger = logger(exporter().build());
		ObjectNode bad = JSON.createObjectNode().put("id", "bad-row");
		bad.putObject("scores").put("accuracy", 5);
		logger.rowSink().emit(logger.target(), RowKind.EVENT, bad);
		logger.flush();
		assertThat(logger.stats().rejected()).isEqualTo(1);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Braintrust rejected"))).singleElement()
			.asString()
			.contains("HTTP 400")
			.contains("/scores/accuracy")
			.contains("bad-row");
		assertThat(this.server.takeValidationFailures()).singleElement().asString().contains("maximum");
	}

	@Test
	void halvesARequestAGatewayFindsTooLarge() {
		BraintrustLogger logger = logger(exporter().build());
		this.server.failNext("/v1/insert", 1, Fault.gateway(413, "Request Entity Too Large"));
		for (int i = 0; i < 4; i++) {
			logger.log(LogEvent.builder().input("x" + i).build());
		}
		logger.flush();
		assertThat(this.server.requests("POST", "/v1/insert")).hasSize(3);
		assertThat(this.server.state().projectLogs("shop")).hasSize(4);
		assertThat(logger.stats().rejected()).isZero();
	}

	@Test
	void withoutASpoolRowsThatCannotBeDeliveredAreDroppedCountedAndWritten(CapturedOutput output) throws IOException {
		Path failed = this.temp.resolve("failed");
		BraintrustLogger logger = logger(exporter().maxRetries(2).failedPayloadsDirectory(failed).build());
		this.server.refuseConnections();
		String id = logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(logger.stats().dropped()).isEqualTo(1);
		assertThat(logger.stats().retried()).isEqualTo(2);
		assertThat(logger.stats().lastError()).contains("cannot connect to " + this.server.url());
		assertThat(output).contains("Dropped 1 Braintrust row(s) that could not be sent after 2 retries")
			.contains("braintrust.export.spool-directory");
		assertThat(payloadFiles(failed)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains(id));
	}

	@Test
	void theApiKeyNeverAppearsInLogsErrorsOrToString(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		LogLevel previous = logging.getLoggerConfiguration("dev.braintrust").getConfiguredLevel();
		logging.setLogLevel("dev.braintrust", LogLevel.DEBUG);
		try {
			failInEveryWay(output);
		}
		finally {
			logging.setLogLevel("dev.braintrust", previous);
		}
	}

	private void failInEveryWay(CapturedOutput output) {
		String key = this.server.apiKey();
		this.server.route("POST", "/v1/insert", (request) -> FakeResponse.text(400,
				"Bad request from " + request.authorization() + " (echoed by a proxy)"));
		HttpLogExporter exporter = exporter().maxRetries(1).build();
		BraintrustLogger logger = logger(exporter);
		logger.log(LogEvent.builder().input("rejected").build());
		logger.flush();
		this.server.refuseConnections();
		logger.log(LogEvent.builder().input("dropped").build());
		logger.flush();
		this.server.acceptConnections();
		HttpLogExporter wrongKey = HttpLogExporter.builder(this.server.url(), "sk-wrong-" + key)
			.counters(this.counters)
			.build();
		BraintrustLogger unauthorized = logger(wrongKey);
		unauthorized.log(LogEvent.builder().input("unauthorized").build());
		unauthorized.flush();
		assertThat(output).contains("HTTP 400")
			.contains("HTTP 401")
			.contains("Dropped")
			.contains("****")
			.contains("DEBUG");
		assertThat(output.toString()).doesNotContain(key);
		assertThat(logger.stats().lastError()).doesNotContain(key);
		assertThat(exporter.toString()).doesNotContain(key).contains("apiKey=(set)");
		assertThat(HttpLogExporter.builder(this.server.url(), key).toString()).doesNotContain(key);
		this.server.takeValidationFailures();
	}

	@Test
	void honoursTheProxySelector() {
		ProxySelector proxy = new ProxySelector() {

			@Override
			public List<Proxy> select(URI uri) {
				return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", server().port())));
			}

			@Override
			public void connectFailed(URI uri, SocketAddress address, IOException ex) {
			}

		};
		HttpLogExporter exporter = HttpLogExporter.builder("http://braintrust.invalid", this.server.apiKey())
			.proxySelector(proxy)
			.counters(this.counters)
			.build();
		BraintrustLogger logger = logger(exporter);
		logger.log(LogEvent.builder().input("through the proxy").build());
		logger.flush();
		assertThat(this.server.state().projectLogs("shop")).hasSize(1);
	}

	@Test
	void linksToRowsUseTheObjectIdOnceKnown() {
		HttpLogExporter exporter = exporter().orgName("fake-org").build();
		BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(exporter)
			.permalinks(exporter.permalinks())
			.objectIds(exporter::objectId)
			.counters(this.counters)
			.build();
		this.loggers.add(logger);
		Span span = logger.startSpan("s");
		assertThat(span.permalink()).isEqualTo(this.server.url() + "/app/fake-org/p/shop/logs?oid=" + span.id());
		span.end();
		logger.flush();
		String projectId = this.server.state().projectNamed("shop").path("id").asString();
		assertThat(exporter.objectId(logger.target())).isEqualTo(projectId);
		assertThat(span.permalink()).isEqualTo(this.server.url() + "/app/fake-org/object?object_type=project_logs"
				+ "&object_id=" + projectId + "&id=" + span.id());
		assertThat(this.server.requests("GET", "/v1/organization")).isEmpty();
	}

	@Test
	void looksUpTheOrganizationNameWhenNotConfigured() {
		HttpLogExporter exporter = exporter().build();
		ObjectRef experiment = ObjectRef.newExperiment("shop", null, "e", null);
		assertThat(exporter.permalinks().permalink(experiment, "r")).contains("error-generating-link")
			.contains("braintrust.org-name");
		BraintrustLogger logger = logger(exporter);
		logger.forObject(experiment).log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(exporter.orgName()).isEqualTo("fake-org");
		String experimentId = this.server.state().experiments().get(0).path("id").asString();
		assertThat(exporter.permalinks().permalink(experiment, "r")).isEqualTo(
				this.server.url() + "/app/fake-org/object?object_type=experiment&object_id=" + experimentId + "&id=r");
	}

	private FakeBraintrustServer server() {
		return this.server;
	}

	private HttpLogExporterBuilder exporter() {
		return HttpLogExporter.builder(this.server.url(), this.server.apiKey())
			.appUrl(this.server.url())
			.counters(this.counters)
			.connectTimeout(Duration.ofSeconds(1))
			.requestTimeout(Duration.ofSeconds(5))
			.maxRetries(3)
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(50))
			.sleeper(this.sleeper);
	}

	private BraintrustLogger logger(HttpLogExporter exporter) {
		BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(exporter)
			.counters(this.counters)
			.scheduleDelay(Duration.ofMillis(20))
			.build();
		this.loggers.add(logger);
		return logger;
	}

	private static int rowCount(RecordedRequest insert) {
		int count = 0;
		for (JsonNode objects : JSON.readTree(insert.body()).values()) {
			for (JsonNode object : objects.values()) {
				count += object.path("events").size() + object.path("feedback").size();
			}
		}
		return count;
	}

	private static ObjectNode single(List<ObjectNode> rows) {
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	private static List<Path> payloadFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("payload_")).toList();
		}
	}

}

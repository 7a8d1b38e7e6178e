package dev.braintrust.spring.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the disk spool of {@link HttpLogExporter}: rows wait on disk while Braintrust
 * is unreachable, in order, across restarts.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class HttpLogExporterSpoolTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path temp;

	private FakeBraintrustServer server;

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
	void spoolsDuringAnOutageAndSendsInOrderWhenBraintrustAnswers(CapturedOutput output) {
		PipelineCounters counters = new PipelineCounters();
		HttpLogExporter exporter = exporter(counters).build();
		BraintrustLogger logger = logger(exporter, counters);
		logger.log(LogEvent.builder().input("before").build());
		logger.flush();
		this.server.refuseConnections();
		List<Span> spans = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Span span = logger.startSpan("s" + i);
			span.log(LogEvent.builder().input("in-" + i).build());
			spans.add(span);
		}
		logger.flush();
		// the spans end in later batches: their end rows must not overtake their first
		// rows
		for (int i = 0; i < 5; i++) {
			spans.get(i).log(LogEvent.builder().output("out-" + i).build());
			logger.flush();
			spans.get(i).end();
		}
		logger.flush();
		assertThat(exporter.hasSpooledRows()).isTrue();
		assertThat(logger.stats().spooled()).isGreaterThanOrEqualTo(10);
		assertThat(output).contains("Braintrust is unreachable").contains("spool");
		this.server.acceptConnections();
		await().atMost(Duration.ofSeconds(20)).until(() -> !exporter.hasSpooledRows());
		List<ObjectNode> rows = this.server.state().projectLogs("shop");
		assertThat(rows).hasSize(6);
		for (int i = 0; i < 5; i++) {
			String id = spans.get(i).id();
			ObjectNode row = rows.stream().filter((r) -> r.path("id").asString().equals(id)).findFirst().orElseThrow();
			assertThat(row.path("input").asString()).isEqualTo("in-" + i);
			assertThat(row.path("output").asString()).isEqualTo("out-" + i);
			assertThat(row.path("metrics").has("end")).isTrue();
		}
		// the spool holds several batches; their rows for one span are merged before
		// sending
		assertThat(this.server.requests("POST", "/v1/insert")).allSatisfy((insert) -> {
			List<String> ids = new ArrayList<>();
			JSON.readTree(insert.body())
				.path("project_logs")
				.forEach((object) -> object.path("events").forEach((event) -> ids.add(event.path("id").asString())));
			assertThat(ids).doesNotHaveDuplicates();
		});
		assertThat(logger.stats().dropped()).isZero();
		assertThat(logger.stats().rejected()).isZero();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output).contains("Braintrust answers again"));
	}

	@Test
	void aSpoolLeftByAnEarlierRunIsSentToTheSameExperiment() {
		Path spool = this.temp.resolve("spool");
		PipelineCounters first = new PipelineCounters();
		HttpLogExporter exporter = exporter(first).spoolDirectory(spool).build();
		BraintrustLogger logger = logger(exporter, first);
		BraintrustLogger experiment = logger.forObject(ObjectRef.newExperiment("shop", null, "nightly", null));
		String before = experiment.log(LogEvent.builder().input("registered").build());
		logger.flush();
		this.server.refuseConnections();
		String during = experiment.log(LogEvent.builder().input("spooled").build());
		logger.flush();
		logger.close();
		assertThat(first.snapshot(0).spooled()).isEqualTo(1);
		this.server.acceptConnections();
		PipelineCounters second = new PipelineCounters();
		HttpLogExporter restarted = exporter(second).spoolDirectory(spool).build();
		this.loggers.add(logger(restarted, second));
		await().atMost(Duration.ofSeconds(20)).until(() -> !restarted.hasSpooledRows());
		assertThat(this.server.state().experiments()).hasSize(1);
		assertThat(this.server.state().experimentRows("nightly")).extracting((row) -> row.path("id").asString())
			.containsExactly(before, during);
		assertThat(second.snapshot(0).sent()).isEqualTo(1);
	}

	@Test
	void objectsFirstSeenDuringAnOutageAreRegisteredOnceWhenTheSpoolDrains() {
		Path spool = this.temp.resolve("spool");
		PipelineCounters counters = new PipelineCounters();
		this.server.refuseConnections();
		HttpLogExporter exporter = exporter(counters).spoolDirectory(spool).build();
		BraintrustLogger logger = logger(exporter, counters);
		BraintrustLogger experiment = logger.forObject(ObjectRef.newExperiment("shop", null, "offline", null));
		for (int i = 0; i < 3; i++) {
			experiment.log(LogEvent.builder().input("row " + i).build());
			logger.flush();
		}
		logger.close();
		this.server.acceptConnections();
		PipelineCounters after = new PipelineCounters();
		HttpLogExporter restarted = exporter(after).spoolDirectory(spool).build();
		this.loggers.add(logger(restarted, after));
		await().atMost(Duration.ofSeconds(20)).until(() -> !restarted.hasSpooledRows());
		assertThat(this.server.requests("POST", "/v1/experiment")).hasSize(1);
		assertThat(this.server.state().experimentRows("offline")).hasSize(3);
	}

	@Test
	void aShutdownDuringRetriesPutsTheRowsInTheSpoolForTheNextRun() {
		Path spool = this.temp.resolve("spool");
		PipelineCounters counters = new PipelineCounters();
		HttpLogExporter exporter = exporter(counters).maxRetries(1000)
			.initialBackoff(Duration.ofMillis(200))
			.maxBackoff(Duration.ofMillis(200))
			.build();
		BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(exporter)
			.counters(counters)
			.scheduleDelay(Duration.ofMillis(20))
			.shutdownTimeout(Duration.ofMillis(300))
			.build();
		this.server.refuseConnections();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(logger.log(LogEvent.builder().input("row " + i).build()));
		}
		logger.close();
		assertThat(counters.snapshot(0).spooled()).isEqualTo(3);
		assertThat(counters.snapshot(0).dropped()).isZero();
		this.server.acceptConnections();
		PipelineCounters next = new PipelineCounters();
		HttpLogExporter restarted = exporter(next).spoolDirectory(spool).build();
		this.loggers.add(logger(restarted, next));
		await().atMost(Duration.ofSeconds(20)).until(() -> !restarted.hasSpooledRows());
		assertThat(this.server.state().projectLogs("shop")).extracting((row) -> row.path("id").asString())
			.containsExactlyElementsOf(ids);
	}

	@Test
	void rowsBeyondTheSpoolSizeAreDroppedAndCounted(CapturedOutput output) {
		PipelineCounters counters = new PipelineCounters();
		HttpLogExporter exporter = exporter(counters).maxSpoolSize(4096).build();
		BraintrustLogger logger = logger(exporter, counters);
		this.server.refuseConnections();
		for (int i = 0; i < 40; i++) {
			logger.log(LogEvent.builder().input("row " + i + " " + "z".repeat(200)).build());
		}
		logger.flush();
		assertThat(logger.stats().dropped()).isPositive();
		assertThat(logger.stats().spooled() + logger.stats().dropped()).isEqualTo(40);
		assertThat(output).contains("spool").contains("is full").contains("braintrust.export.max-spool-size");
	}

	@Test
	void aLongRetryAfterIsWaitedOutByTheSpoolNotByThePipeline() {
		PipelineCounters counters = new PipelineCounters();
		RecordingSleeper sleeper = RecordingSleeper.recordingOnly();
		HttpLogExporter exporter = exporter(counters).sleeper(sleeper).build();
		BraintrustLogger logger = logger(exporter, counters);
		logger.log(LogEvent.builder().input("warm-up").build());
		logger.flush();
		this.server.failNext("/v1/insert", 1, Fault.tooManyRequests(Duration.ofSeconds(60)));
		logger.log(LogEvent.builder().input("x").build());
		logger.flush();
		assertThat(logger.stats().spooled()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> !exporter.hasSpooledRows());
		// the spool's thread waited the server's Retry-After (on a loaded machine a slow
		// answer may add a short backoff after it, never before it)
		assertThat(sleeper.sleeps()).first().isEqualTo(Duration.ofSeconds(60));
		assertThat(this.server.state().projectLogs("shop")).hasSize(2);
	}

	private HttpLogExporterBuilder exporter(PipelineCounters counters) {
		return HttpLogExporter.builder(this.server.url(), this.server.apiKey())
			.appUrl(this.server.url())
			.counters(counters)
			.spoolDirectory(this.temp.resolve("spool"))
			.connectTimeout(Duration.ofSeconds(1))
			.requestTimeout(Duration.ofSeconds(5))
			.maxRetries(2)
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(100));
	}

	private BraintrustLogger logger(HttpLogExporter exporter, PipelineCounters counters) {
		BraintrustLogger logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(exporter)
			.counters(counters)
			.scheduleDelay(Duration.ofMillis(20))
			.build();
		this.loggers.add(logger);
		return logger;
	}

}

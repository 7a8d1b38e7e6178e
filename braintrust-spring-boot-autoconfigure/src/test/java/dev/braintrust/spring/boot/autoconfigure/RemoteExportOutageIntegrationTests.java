package dev.braintrust.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.LoggerStats;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured remote export through a 30-second Braintrust outage (15 seconds of
 * 503 answers, then 15 seconds of refused connections), with the disk spool: 10,000 spans
 * logged from 8 threads before, during and after it all arrive, merged right.
 */
@Timeout(300)
class RemoteExportOutageIntegrationTests {

	private static final int THREADS = 8;

	private static final int[] ROUNDS = { 250, 400, 400, 200 };

	@TempDir
	Path spool;

	private FakeBraintrustServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

	@BeforeEach
	void startServer() {
		this.server = FakeBraintrustServer.start();
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void tenThousandSpansSurviveAThirtySecondOutageWithTheSpool() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, BraintrustAutoConfiguration.class))
			.withPropertyValues("braintrust.api-key=" + this.server.apiKey(), "braintrust.api-url=" + this.server.url(),
					"braintrust.app-url=" + this.server.url(), "braintrust.project=outage",
					"braintrust.export.spool-directory=" + this.spool, "braintrust.export.max-retries=3",
					"braintrust.export.initial-backoff=20ms", "braintrust.export.max-backoff=1s",
					"braintrust.export.connect-timeout=1s", "braintrust.export.request-timeout=10s",
					"braintrust.export.max-request-rows=500", "braintrust.logger.async.max-queue-size=100000",
					"braintrust.logger.async.schedule-delay=50ms", "braintrust.logger.capture-caller=false")
			.run((context) -> {
				BraintrustLogger logger = context.getBean(BraintrustLogger.class);
				HttpLogExporter exporter = context.getBean(HttpLogExporter.class);
				Map<String, String> expected = new ConcurrentHashMap<>();
				logRound(logger, 0, expected);
				assertThat(logger.flush()).isTrue();
				long outageStart = System.nanoTime();
				FakeBraintrustServer.Outage outage = this.server.scheduleOutage(Duration.ofSeconds(15),
						Duration.ofSeconds(15));
				logRound(logger, 1, expected);
				outage.refusing().join();
				logRound(logger, 2, expected);
				outage.over().join();
				long outageMillis = (System.nanoTime() - outageStart) / 1_000_000;
				logRound(logger, 3, expected);
				String projectId = this.server.state().projectNamed("outage").path("id").asString();
				await().atMost(Duration.ofSeconds(180))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> logger.flush() && !exporter.hasSpooledRows()
							&& this.server.state().rowIds(ObjectType.PROJECT_LOGS, projectId).size() == expected
								.size());
				LoggerStats stats = logger.stats();
				System.out.println("Outage of " + outageMillis + " ms; " + stats);
				assertThat(expected).hasSize(10_000);
				Map<String, ObjectNode> rows = new ConcurrentHashMap<>();
				this.server.state()
					.mergedRows(ObjectType.PROJECT_LOGS, projectId)
					.forEach((row) -> rows.put(row.path("id").asString(), row));
				assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
				expected.forEach((id, name) -> assertMerged(rows.get(id), name));
				assertThat(stats.dropped()).isZero();
				assertThat(stats.rejected()).isZero();
				assertThat(stats.spooled()).isPositive();
				assertThat(stats.retried()).isPositive();
				assertThat(this.server.restarts()).isEqualTo(1);
			});
	}

	private void logRound(BraintrustLogger logger, int round, Map<String, String> expected) throws Exception {
		Future<?>[] done = new Future<?>[THREADS];
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			done[t] = this.threads.submit(() -> {
				for (int i = 0; i < ROUNDS[round]; i++) {
					String name = round + "-" + thread + "-" + i;
					String id = logger.traced("span-" + name, (span) -> {
						span.log(LogEvent.builder()
							.input("question " + name)
							.output("answer " + name)
							.metadata("thread", thread)
							.metadata("round", round)
							.build());
						return span.id();
					});
					expected.put(id, name);
				}
			});
		}
		for (Future<?> future : done) {
			future.get();
		}
	}

	private static void assertMerged(ObjectNode row, String name) {
		assertThat(row.path("input").asString()).isEqualTo("question " + name);
		assertThat(row.path("output").asString()).isEqualTo("answer " + name);
		assertThat(row.path("span_attributes").path("name").asString()).isEqualTo("span-" + name);
		assertThat(row.path("metadata").path("thread").asInt()).isEqualTo(Integer.parseInt(name.split("-")[1]));
		assertThat(row.path("metrics").path("start").isNumber()).isTrue();
		assertThat(row.path("metrics").path("end").isNumber()).isTrue();
		assertThat(row.has("error")).isFalse();
	}

}

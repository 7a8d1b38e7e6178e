package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.LoggerStats;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a spool, an outage longer than the queue can absorb loses rows: every lost row
 * must be counted, no more and no fewer.
 */
@Timeout(120)
class DropAccountingTests {

	private FakeBraintrustServer server;

	private BraintrustLogger logger;

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	@BeforeEach
	void start() {
		this.server = FakeBraintrustServer.start();
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		if (this.logger != null) {
			this.logger.close();
		}
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void theDroppedCountEqualsTheRowsMissingAtTheServer() throws Exception {
		PipelineCounters counters = new PipelineCounters();
		HttpLogExporter exporter = HttpLogExporter.builder(this.server.url(), this.server.apiKey())
			.counters(counters)
			.connectTimeout(Duration.ofSeconds(1))
			.requestTimeout(Duration.ofSeconds(30))
			.maxRetries(2)
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(50))
			.build();
		this.logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(exporter)
			.counters(counters)
			.maxQueueSize(100)
			.maxBatchSize(50)
			.scheduleDelay(Duration.ofMillis(20))
			.captureCaller(false)
			.build();
		// no timeouts here: a request that timed out after Braintrust stored it would be
		// counted as dropped although its rows arrived
		Set<String> logged = ConcurrentHashMap.newKeySet();
		logFromFourThreads(100, "before", logged);
		assertThat(this.logger.flush()).isTrue();
		FakeBraintrustServer.Outage outage = this.server.scheduleOutage(Duration.ofSeconds(1), Duration.ofSeconds(1));
		logFromFourThreads(1500, "during", logged);
		outage.refusing().join();
		logFromFourThreads(200, "refused", logged);
		outage.over().join();
		logFromFourThreads(100, "after", logged);
		assertThat(this.logger.flush(Duration.ofSeconds(60))).isTrue();
		String projectId = this.server.state().projectNamed("shop").path("id").asString();
		Set<String> received = this.server.state().rowIds(ObjectType.PROJECT_LOGS, projectId);
		Set<String> missing = new HashSet<>(logged);
		missing.removeAll(received);
		LoggerStats stats = this.logger.stats();
		assertThat(logged).hasSize(4 * (100 + 1500 + 200 + 100));
		assertThat(received).isSubsetOf(logged);
		assertThat(missing).isNotEmpty();
		assertThat(stats.dropped()).isEqualTo(missing.size());
		assertThat(stats.sent()).isEqualTo(received.size());
		assertThat(stats.rejected()).isZero();
		assertThat(stats.queued()).isZero();
	}

	private void logFromFourThreads(int perThread, String phase, Set<String> logged) throws Exception {
		Future<?>[] done = new Future<?>[4];
		for (int t = 0; t < 4; t++) {
			int thread = t;
			done[t] = this.threads.submit(() -> {
				for (int i = 0; i < perThread; i++) {
					logged.add(this.logger.log(LogEvent.builder().input(phase + "-" + thread + "-" + i).build()));
				}
			});
		}
		for (Future<?> future : done) {
			future.get();
		}
	}

}

package dev.braintrust.spring.actuate.endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint.BraintrustDescriptor;
import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint.EvalDescriptor;
import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint.EvalRunStartDescriptor;
import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint.FlushDescriptor;
import dev.braintrust.spring.eval.EvalCase;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalRegistry;
import dev.braintrust.spring.eval.EvalRunStatus.State;
import dev.braintrust.spring.eval.EvalRunTracker;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.RegisteredEval;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BraintrustEndpoint}.
 *
 * @author Braintrust
 */
class BraintrustEndpointTests {

	private static final String API_KEY = "sk-ThisIsASecretKey-9f3c";

	@TempDir
	Path directory;

	private final CountDownLatch release = new CountDownLatch(1);

	private LocalStore store;

	private BraintrustLogger logger;

	private EvalRunTracker tracker;

	private BraintrustEndpoint endpoint;

	@BeforeEach
	void createEndpoint() {
		this.store = new LocalStore(this.directory.resolve("store"));
		PipelineCounters counters = new PipelineCounters();
		this.logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(new LocalStoreExporter(this.store, counters))
			.counters(counters)
			.scheduleDelay(Duration.ofHours(1))
			.build();
		this.tracker = new EvalRunTracker();
		EvalDefinition<Integer, Integer> doubling = EvalDefinition.<Integer, Integer>builder()
			.data(EvalData.of(EvalCase.of(1, 2), EvalCase.of(2, 4)))
			.task((input, hooks) -> {
				this.release.await(30, TimeUnit.SECONDS);
				return input * 2;
			})
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.options((options) -> options.trialCount(2).tags("nightly"))
			.build();
		EvalRunner runner = EvalRunner.builder(this.logger)
			.registry(new EvalRegistry(List.of(RegisteredEval.of("doubling", doubling))))
			.localStore(this.store)
			.progressInterval(Duration.ZERO)
			.listener(this.tracker)
			.build();
		BraintrustEndpoint.Connection connection = new BraintrustEndpoint.Connection("local",
				"https://api.braintrust.dev", "https://www.braintrust.dev",
				BraintrustEndpoint.Connection.apiKeyHint(API_KEY), "acme", null);
		this.endpoint = new BraintrustEndpoint(connection, this.logger, this.store, null,
				new BraintrustEndpoint.Evals(runner, this.tracker));
	}

	@AfterEach
	void close() {
		this.release.countDown();
		this.tracker.close();
		this.logger.close();
		this.store.close();
	}

	@Test
	void describesWhereRowsGoAndThePipeline() {
		this.logger.log((event) -> event.input("q").output("a"));
		this.logger.flush();

		BraintrustDescriptor status = this.endpoint.braintrust();

		assertThat(status.mode()).isEqualTo("local");
		assertThat(status.apiUrl()).isEqualTo("https://api.braintrust.dev");
		assertThat(status.apiKey()).isEqualTo("****9f3c");
		assertThat(status.organization().name()).isEqualTo("acme");
		assertThat(status.project().name()).isEqualTo("shop");
		assertThat(status.project().id()).isNull();
		assertThat(status.localStore().directory()).isEqualTo(this.store.directory().toString());
		assertThat(status.localStore().writable()).isTrue();
		assertThat(status.localStore().sizeBytes()).isPositive();
		assertThat(status.spool()).isNull();
		assertThat(status.pipeline().sent()).isEqualTo(1);
		assertThat(status.pipeline().queued()).isZero();
		assertThat(status.pipeline().queueCapacity()).isEqualTo(10_000);
		assertThat(status.pipeline().lastSuccessTime()).isNotNull();
		assertThat(status.pipeline().lastError()).isNull();
		assertThat(status.evals()).containsOnlyKeys("doubling");
		assertThat(status.evals().get("doubling").run()).isNull();
	}

	@Test
	void neverShowsTheApiKey() {
		String json = JsonMapper.builder().build().writeValueAsString(this.endpoint.braintrust());

		assertThat(json).doesNotContain(API_KEY).doesNotContain("ThisIsASecret").contains("\"apiKey\":\"****9f3c\"");
		assertThat(BraintrustEndpoint.Connection.apiKeyHint("short-key")).isEqualTo("****");
		assertThat(BraintrustEndpoint.Connection.apiKeyHint(" ")).isNull();
		assertThat(BraintrustEndpoint.Connection.apiKeyHint(null)).isNull();
	}

	@Test
	void describesAnEvalsDefinition() {
		EvalDescriptor eval = this.endpoint.eval("doubling");

		assertThat(eval.name()).isEqualTo("doubling");
		assertThat(eval.scorers()).containsExactly("exact");
		assertThat(eval.data()).isNotBlank();
		assertThat(eval.options().trialCount()).isEqualTo(2);
		assertThat(eval.options().tags()).containsExactly("nightly");
		assertThat(eval.definitionError()).isNull();
		assertThat(eval.run()).isNull();
		assertThat(this.endpoint.eval("missing")).isNull();
	}

	@Test
	@Timeout(60)
	void startsARunInTheBackgroundAndRefusesASecondWhileItRuns() {
		EvalRunStartDescriptor first = this.endpoint.runEval("doubling");
		EvalRunStartDescriptor second = this.endpoint.runEval("doubling");

		assertThat(first.started()).isTrue();
		assertThat(first.run().state()).isEqualTo(State.RUNNING);
		assertThat(second.started()).isFalse();
		assertThat(second.message()).contains("already in progress");
		assertThat(second.run().id()).isEqualTo(first.run().id());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.endpoint.eval("doubling").run().totalCases()).isEqualTo(4));
		assertThat(this.endpoint.eval("doubling").run().state()).isEqualTo(State.RUNNING);

		this.release.countDown();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.endpoint.eval("doubling").run().state()).isEqualTo(State.COMPLETED));
		BraintrustEndpoint.EvalRunDescriptor run = this.endpoint.eval("doubling").run();
		assertThat(run.id()).isEqualTo(first.run().id());
		assertThat(run.completedCases()).isEqualTo(4);
		assertThat(run.failedCases()).isZero();
		assertThat(run.passed()).isTrue();
		assertThat(run.scores()).containsEntry("exact", 1.0);
		assertThat(run.experiment()).startsWith("doubling-");
		assertThat(run.location()).endsWith(".jsonl");
		assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
		assertThat(this.endpoint.braintrust().evals().get("doubling").run().id()).isEqualTo(run.id());

		EvalRunStartDescriptor third = this.endpoint.runEval("doubling");
		assertThat(third.started()).isTrue();
		assertThat(third.run().id()).isNotEqualTo(first.run().id());
	}

	@Test
	void doesNotStartAnUnknownEval() {
		assertThat(this.endpoint.runEval("missing")).isNull();
	}

	@Test
	@Timeout(30)
	void flushWritesWhatIsQueuedAndSaysSo() {
		for (int i = 0; i < 3; i++) {
			this.logger.log((event) -> event.input("q").output("a"));
		}
		assertThat(this.logger.stats().queued()).isEqualTo(3);

		FlushDescriptor flush = this.endpoint.flush();

		assertThat(flush.complete()).isTrue();
		assertThat(flush.sent()).isEqualTo(3);
		assertThat(flush.dropped()).isZero();
		assertThat(flush.queued()).isZero();
		assertThat(this.store.readRawRows(ObjectRef.projectLogs("shop", null))).hasSize(3);
	}

	@Test
	void withoutEvalsShowsNone() {
		BraintrustEndpoint endpoint = new BraintrustEndpoint(new BraintrustEndpoint.Connection("disabled",
				"https://api.braintrust.dev", "https://www.braintrust.dev", null, null, null), BraintrustLogger.noop(),
				null, null, null);

		assertThat(endpoint.braintrust().evals()).isEmpty();
		assertThat(endpoint.braintrust().localStore()).isNull();
		assertThat(endpoint.eval("doubling")).isNull();
		assertThat(endpoint.runEval("doubling")).isNull();
		JsonNode json = JsonMapper.builder().build().valueToTree(endpoint.braintrust());
		assertThat(json.get("mode").asString()).isEqualTo("disabled");
	}

}

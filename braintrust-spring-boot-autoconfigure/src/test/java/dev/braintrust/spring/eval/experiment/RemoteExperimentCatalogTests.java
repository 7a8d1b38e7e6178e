package dev.braintrust.spring.eval.experiment;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer.RecordedRequest;
import dev.braintrust.spring.testsupport.RemoteLogging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RemoteExperimentCatalog} against the {@link FakeBraintrustServer}.
 *
 * @author Braintrust
 */
@Timeout(60)
class RemoteExperimentCatalogTests {

	private RemoteLogging remote;

	private FakeBraintrustServer server;

	private RemoteExperimentCatalog catalog;

	@BeforeEach
	void start() {
		this.remote = RemoteLogging.start("shop");
		this.server = this.remote.server();
		this.catalog = new RemoteExperimentCatalog(this.remote.exporter());
	}

	@AfterEach
	void stop() {
		this.remote.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void listsEveryExperimentOfTheProjectOldestFirstPageByPage() {
		String shop = this.server.state().createProject("shop");
		String other = this.server.state().createProject("other");
		this.server.state().createExperiment(other, "elsewhere");
		for (int i = 0; i < 1003; i++) {
			this.server.state().createExperiment(shop, "run-" + i);
		}

		List<ExperimentInfo> experiments = this.catalog.list("shop");

		assertThat(experiments).hasSize(1003)
			.isSortedAccordingTo(Comparator.comparing(ExperimentInfo::created))
			.allSatisfy((experiment) -> assertThat(experiment.projectName()).isEqualTo("shop"));
		assertThat(experiments).extracting(ExperimentInfo::name)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 1003).mapToObj((i) -> "run-" + i).toList());
		List<RecordedRequest> requests = this.server.requests("GET", "/v1/experiment");
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).query()).doesNotContainKey("starting_after");
		assertThat(requests.get(1).query()).containsKey("starting_after");
		assertThat(this.catalog.list("nothing-here")).isEmpty();
		// once the project is registered, by its id
		this.remote.exporter().resolve(ObjectRef.projectLogs("shop", null));
		assertThat(this.catalog.list("shop")).hasSize(1003);
		assertThat(this.server.requests("GET", "/v1/experiment")).last()
			.satisfies((request) -> assertThat(request.query()).containsEntry("project_id", List.of(shop)));
	}

	@Test
	void findsAnExperimentByIdOrByItsLatestName() {
		String shop = this.server.state().createProject("shop");
		String first = this.server.state().createExperiment(shop, "nightly");
		String id = this.server.state().createExperiment(shop, "weekly");

		assertThat(this.catalog.findById("shop", id)).hasValueSatisfying((experiment) -> {
			assertThat(experiment.name()).isEqualTo("weekly");
			assertThat(experiment.created()).isNotNull();
		});
		assertThat(this.catalog.findByName("shop", "nightly"))
			.hasValueSatisfying((experiment) -> assertThat(experiment.id()).isEqualTo(first));
		int requests = this.server.requests().size();
		// not a Braintrust id: a name, which needs no request to rule out
		assertThat(this.catalog.findById("shop", "nightly")).isEmpty();
		assertThat(this.server.requests()).hasSize(requests);
		assertThat(this.catalog.findByName("shop", "monthly")).isEmpty();
		// an experiment of another project is not the project's
		String elsewhere = this.server.state().createExperiment(this.server.state().createProject("other"), "e");
		this.remote.exporter().resolve(ObjectRef.projectLogs("shop", null));
		assertThat(this.catalog.findById("shop", elsewhere)).isEmpty();
		assertThat(this.catalog.findById("other", elsewhere)).isPresent();
		assertThat(this.catalog.findById("shop", "00000000-0000-4000-8000-000000000000")).isEmpty();
	}

	@Test
	void readsAnExperimentsSpansNewestVersionOfEach() {
		BraintrustLogger logger = this.remote.logger();
		ObjectRef ref = ObjectRef.newExperiment("shop", null, "recorded", null);
		BraintrustLogger experiment = logger.forObject(ref);
		for (int i = 0; i < 3; i++) {
			Span root = experiment.startSpan("eval");
			root.log(LogEvent.builder().input(i).build());
			logger.flush();
			Span child = root.startSpan("score");
			child.log(LogEvent.builder().score("exact", 1).build());
			child.end();
			root.log(LogEvent.builder().output(i * 10).build());
			root.end();
		}
		logger.flush();
		ExperimentInfo recorded = this.catalog.findByName("shop", "recorded").orElseThrow();

		List<ObjectNode> rows = this.catalog.readRows(recorded);

		assertThat(rows).hasSize(6);
		List<CaseRecord> cases = CaseRecords.fromRows(rows);
		assertThat(cases).extracting((record) -> record.input().asInt()).containsExactly(0, 1, 2);
		assertThat(cases).allSatisfy((record) -> assertThat(record.scores()).containsEntry("exact", 1.0));
		assertThat(CaseRecords.rootRows(rows)).extracting((row) -> row.path("output").asInt())
			.containsExactly(0, 10, 20);
		assertThat(recorded.location()).isEqualTo(this.server.url() + "/app/fake-org/p/shop/experiments/recorded");
	}

}

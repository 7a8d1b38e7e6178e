package dev.braintrust.spring.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.braintrust.spring.eval.dataset.Dataset;
import dev.braintrust.spring.eval.dataset.DatasetOptions;
import dev.braintrust.spring.eval.dataset.DatasetRecord;
import dev.braintrust.spring.eval.dataset.DatasetRow;
import dev.braintrust.spring.eval.dataset.RemoteDatasets;
import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.eval.experiment.RemoteExperimentCatalog;
import dev.braintrust.spring.eval.experiment.RemoteExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.ScoreSummary;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer.RecordedRequest;
import dev.braintrust.spring.testsupport.RemoteLogging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link EvalRunner} in remote mode, with the Braintrust-backed catalog,
 * summarizer and datasets, against the {@link FakeBraintrustServer}: real HTTP, every
 * request validated against Braintrust's OpenAPI spec.
 *
 * @author Braintrust
 */
@Timeout(90)
@ExtendWith(OutputCaptureExtension.class)
class RemoteEvalTests {

	private static final String PROJECT = "qa bot/v2";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path workingDirectory;

	private RemoteLogging remote;

	private FakeBraintrustServer server;

	private RemoteDatasets datasets;

	private EvalRunner runner;

	@BeforeEach
	void start() {
		this.remote = RemoteLogging.start(PROJECT);
		this.server = this.remote.server();
		this.datasets = new RemoteDatasets(this.remote.logger(), this.remote.exporter(), PROJECT);
		this.runner = EvalRunner.builder(this.remote.logger())
			.catalog(new RemoteExperimentCatalog(this.remote.exporter()))
			.summarizer(new RemoteExperimentSummarizer(this.remote.exporter()))
			.datasets(this.datasets)
			.progressInterval(Duration.ZERO)
			.workingDirectory(this.workingDirectory)
			.build();
	}

	@AfterEach
	void stop() {
		this.remote.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void runsAsABraintrustExperimentSummarizedByBraintrustAgainstTheBase(CapturedOutput output) {
		EvalResult first = this.runner.run("answers", answers(1));
		EvalResult second = this.runner.run("answers", answers(2));

		// two experiments, the second based on the first
		List<ObjectNode> experiments = this.server.state().experiments();
		assertThat(experiments).extracting((experiment) -> experiment.path("name").asString())
			.containsExactly(first.experimentName(), second.experimentName());
		String firstId = experiments.get(0).path("id").asString();
		String secondId = experiments.get(1).path("id").asString();
		assertThat(experiments.get(0).path("base_exp_id").isNull()).isTrue();
		assertThat(experiments.get(1).path("base_exp_id").asString()).isEqualTo(firstId);
		assertThat(this.server.requests("POST", "/v1/experiment")).hasSize(2);
		// every case is a trace: eval, task, score
		List<ObjectNode> rows = this.server.state().mergedRows(ObjectType.EXPERIMENT, secondId);
		List<ObjectNode> roots = rows.stream().filter((row) -> row.path("span_parents").isNull()).toList();
		assertThat(roots).hasSize(10)
			.allSatisfy((root) -> assertThat(root.path("span_attributes").path("type").asString()).isEqualTo("eval"));
		assertThat(rows).filteredOn((row) -> "task".equals(row.path("span_attributes").path("type").asString()))
			.hasSize(10);
		assertThat(rows).filteredOn((row) -> "score".equals(row.path("span_attributes").path("type").asString()))
			.hasSize(10)
			.allSatisfy((score) -> assertThat(score.path("scores").has("exact")).isTrue());
		// the summary is Braintrust's, compared with the base
		assertThat(this.server.requests("GET", "/v1/experiment/" + secondId + "/summarize")).singleElement()
			.satisfies((request) -> assertThat(request.query()).containsEntry("summarize_scores", List.of("true"))
				.containsEntry("comparison_experiment_id", List.of(firstId)));
		ExperimentSummary summary = second.summary();
		assertThat(summary.experimentId()).isEqualTo(secondId);
		assertThat(summary.comparisonExperimentName()).isEqualTo(first.experimentName());
		ScoreSummary exact = summary.scores().get("exact");
		assertThat(exact.score()).isCloseTo(0.7, within(1e-9));
		assertThat(exact.diff()).isCloseTo(0.1, within(1e-9));
		assertThat(exact.improvements()).isEqualTo(3);
		assertThat(exact.regressions()).isEqualTo(2);
		assertThat(first.summary().comparisonExperimentName()).isNull();
		assertThat(first.summary().scores().get("exact").diff()).isNull();
		// the experiment's page in the Braintrust app, every part percent-encoded
		String url = this.server.url() + "/app/fake-org/p/qa%20bot%2Fv2/experiments/" + second.experimentName();
		assertThat(summary.experimentUrl()).isEqualTo(url);
		assertThat(second.location()).isEqualTo(url);
		assertThat(output).contains(second.experimentName() + " compared to " + first.experimentName() + ":")
			.contains("70.00% (+10.00%) 'exact' score\t(3 improvements, 2 regressions)")
			.contains("See results for " + second.experimentName() + " at " + url);
		assertThat(this.remote.logger().stats().dropped()).isZero();
	}

	@Test
	void anExplicitBaseIsFoundByNameAmongTheProjectsExperiments() {
		EvalResult baseline = this.runner.run("answers", answers(1),
				EvalOptions.builder().experimentName("baseline").build());
		this.runner.run("answers", answers(2));

		EvalResult third = this.runner.run("answers", answers(2),
				EvalOptions.builder().baseExperimentName("baseline").build());

		assertThat(third.summary().comparisonExperimentName()).isEqualTo(baseline.experimentName());
		assertThat(third.summary().scores().get("exact").diff()).isCloseTo(0.1, within(1e-9));
		String projectId = this.server.state().projectNamed(PROJECT).path("id").asString();
		List<RecordedRequest> lists = this.server.requests("GET", "/v1/experiment");
		// by name until the project is registered, then by id
		assertThat(lists).hasSize(3);
		assertThat(lists.get(0).query()).containsEntry("project_name", List.of(PROJECT));
		assertThat(lists.subList(1, 3))
			.allSatisfy((request) -> assertThat(request.query()).containsEntry("project_id", List.of(projectId))
				.doesNotContainKey("project_name"));
	}

	@Test
	void withoutABaseTheSummaryHasNoComparisonEvenWhenSummarizeScoresIsOff() {
		this.runner.run("answers", answers(1));

		EvalResult second = this.runner.run("answers", answers(2),
				EvalOptions.builder().summarizeScores(false).build());

		assertThat(second.summary().comparisonExperimentName()).isNull();
		assertThat(second.summary().scores().get("exact").diff()).isNull();
		assertThat(second.summary().scores().get("exact").regressions()).isZero();
		assertThat(this.server.requests()).filteredOn((request) -> request.path().endsWith("/summarize"))
			.last()
			.satisfies((request) -> assertThat(request.query()).doesNotContainKey("comparison_experiment_id"));
	}

	@Test
	void aDatasetDrivenEvalRecordsTheDatasetVersionAndEachCasesOrigin() {
		Dataset golden = this.datasets.open(DatasetOptions.named("golden"));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(golden.insert(DatasetRow.builder().input(i).expected(i * 2).tags("t" + i).build()));
		}
		String version = golden.version();
		Map<String, String> xactIds = new HashMap<>();
		golden.fetchAll().forEach((record) -> xactIds.put(record.id(), record.xactId()));

		EvalResult result = this.runner.run("doubling",
				EvalDefinition.<Object, Object>builder()
					.data(EvalData.dataset("golden"))
					.task((input) -> ((Integer) input) * 2)
					.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
					.options((options) -> options.project(PROJECT))
					.build());
		// the dataset changes after the run: the experiment still names what it ran on
		golden.delete(ids.get(0));
		golden.insert(99, 198);

		assertThat(result.datasetId()).isEqualTo(golden.id());
		assertThat(result.datasetVersion()).isEqualTo(version);
		assertThat(result.summary().scores().get("exact").score()).isEqualTo(1.0);
		ObjectNode experiment = this.server.state().experiments().get(0);
		assertThat(experiment.path("dataset_id").asString()).isEqualTo(golden.id());
		assertThat(experiment.path("dataset_version").asString()).isEqualTo(version);
		List<ObjectNode> roots = this.server.state()
			.mergedRows(ObjectType.EXPERIMENT, experiment.path("id").asString())
			.stream()
			.filter((row) -> row.path("span_parents").isNull())
			.toList();
		assertThat(roots).hasSize(4).allSatisfy((root) -> {
			JsonNode origin = root.path("origin");
			assertThat(origin.path("object_type").asString()).isEqualTo("dataset");
			assertThat(origin.path("object_id").asString()).isEqualTo(golden.id());
			assertThat(ids).contains(origin.path("id").asString());
			assertThat(origin.path("_xact_id").asString()).isEqualTo(xactIds.get(origin.path("id").asString()));
			assertThat(root.path("tags").get(0).asString()).isEqualTo("t" + root.path("input").asInt());
		});
		Dataset asRun = this.datasets
			.open(DatasetOptions.named("golden").atVersion(experiment.path("dataset_version").asString()));
		assertThat(asRun.fetchAll()).extracting(DatasetRecord::id).containsExactlyElementsOf(ids);
	}

	@Test
	void casesCanComeFromAnEarlierExperimentReadBackFromBraintrust() {
		EvalResult first = this.runner.run("answers", answers(1),
				EvalOptions.builder().experimentName("recorded").build());

		EvalResult replay = this.runner.run("replay",
				EvalDefinition.<Object, Object>builder()
					.data(EvalData.experiment("recorded"))
					.task((input) -> input)
					.scorers(Scorer.of("same", (args) -> Objects.equals(args.output(), args.input())))
					.options((options) -> options.project(PROJECT))
					.build());

		assertThat(replay.cases()).hasSize(10);
		assertThat(replay.cases()).extracting(EvalCaseResult::input)
			.containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(replay.summary().scores().get("same").score()).isEqualTo(1.0);
		String recordedId = this.server.state().experiments().get(0).path("id").asString();
		assertThat(this.server.requests("POST", "/v1/experiment/" + recordedId + "/fetch")).isNotEmpty();
		assertThat(first.experimentName()).isEqualTo("recorded");
	}

	@Test
	void anEvalWithoutCasesStillGetsItsExperimentAndSummary() {
		EvalResult result = this.runner.run("empty",
				EvalDefinition.<Integer, Integer>builder()
					.data(EvalData.of(List.of()))
					.task((input) -> input)
					.options((options) -> options.project(PROJECT))
					.build());

		assertThat(this.server.state().experiments()).singleElement()
			.satisfies(
					(experiment) -> assertThat(experiment.path("name").asString()).isEqualTo(result.experimentName()));
		assertThat(result.summary().experimentId())
			.isEqualTo(this.server.state().experiments().get(0).path("id").asString());
		assertThat(result.summary().scores()).isEmpty();
	}

	private EvalDefinition<Integer, Integer> answers(int run) {
		List<EvalCase<Integer, Integer>> cases = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			cases.add(EvalCase.of(i, i));
		}
		return EvalDefinition.<Integer, Integer>builder().data(EvalData.of(cases)).task((input) -> {
			Span step = CurrentSpan.get().startSpan("lookup");
			step.end();
			boolean correct = (run == 1) ? input < 6 : (input >= 2 && input < 9);
			return correct ? input : -1;
		})
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.options((options) -> options.project(PROJECT))
			.build();
	}

}

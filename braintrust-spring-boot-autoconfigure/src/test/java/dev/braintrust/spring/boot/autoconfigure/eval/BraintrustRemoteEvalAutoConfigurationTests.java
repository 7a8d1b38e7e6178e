package dev.braintrust.spring.boot.autoconfigure.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.dataset.Dataset;
import dev.braintrust.spring.eval.dataset.Datasets;
import dev.braintrust.spring.eval.dataset.LocalDatasets;
import dev.braintrust.spring.eval.dataset.RemoteDatasets;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentInfo;
import dev.braintrust.spring.eval.experiment.ExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.eval.experiment.LocalExperimentCatalog;
import dev.braintrust.spring.eval.experiment.LocalExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.RemoteExperimentCatalog;
import dev.braintrust.spring.eval.experiment.RemoteExperimentSummarizer;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustRemoteEvalAutoConfiguration}.
 *
 * @author Braintrust
 */
@Timeout(90)
@ExtendWith(OutputCaptureExtension.class)
class BraintrustRemoteEvalAutoConfigurationTests {

	@TempDir
	Path directory;

	private FakeBraintrustServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, BraintrustAutoConfiguration.class,
				BraintrustRemoteEvalAutoConfiguration.class, BraintrustEvalAutoConfiguration.class))
		.withPropertyValues("braintrust.eval.progress-interval=0");

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
			this.server.assertNoValidationFailures();
		}
	}

	@Test
	void inRemoteModeEvalsUseBraintrustAndNothingIsSentAtStartUp() {
		this.server = FakeBraintrustServer.start();
		this.contextRunner.withPropertyValues(remote(this.server)).run((context) -> {
			assertThat(context).hasSingleBean(RemoteExperimentCatalog.class)
				.hasSingleBean(RemoteExperimentSummarizer.class)
				.hasSingleBean(RemoteDatasets.class)
				.doesNotHaveBean(LocalExperimentCatalog.class)
				.doesNotHaveBean(LocalExperimentSummarizer.class)
				.doesNotHaveBean(LocalDatasets.class)
				.hasSingleBean(EvalRunner.class);
			assertThat(this.server.requests()).isEmpty();
		});
	}

	@Test
	void inLocalModeEvalsUseTheLocalStore() {
		this.contextRunner.withPropertyValues("braintrust.local.directory=" + this.directory).run((context) -> {
			assertThat(context).doesNotHaveBean(RemoteExperimentCatalog.class)
				.doesNotHaveBean(RemoteExperimentSummarizer.class)
				.doesNotHaveBean(RemoteDatasets.class)
				.hasSingleBean(LocalExperimentCatalog.class)
				.hasSingleBean(LocalDatasets.class);
		});
	}

	@Test
	void localModeWinsOverAnApiKey() {
		this.contextRunner
			.withPropertyValues("braintrust.api-key=sk-local", "braintrust.mode=local",
					"braintrust.local.directory=" + this.directory)
			.run((context) -> assertThat(context).doesNotHaveBean(RemoteDatasets.class)
				.hasSingleBean(LocalDatasets.class));
	}

	@Test
	void backsOffOnUserBeansAndWhenEvalsAreOff() {
		this.server = FakeBraintrustServer.start();
		this.contextRunner.withPropertyValues(remote(this.server))
			.withUserConfiguration(UserBackendsConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(RemoteExperimentCatalog.class)
				.doesNotHaveBean(RemoteExperimentSummarizer.class)
				.doesNotHaveBean(RemoteDatasets.class)
				.hasSingleBean(ExperimentCatalog.class)
				.hasSingleBean(ExperimentSummarizer.class)
				.hasSingleBean(Datasets.class));
		this.contextRunner.withPropertyValues(remote(this.server))
			.withPropertyValues("braintrust.eval.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RemoteDatasets.class)
				.doesNotHaveBean(EvalRunner.class));
	}

	@Test
	void runsTheApplicationsDatasetEvalAsBraintrustExperiments(CapturedOutput output) {
		this.server = FakeBraintrustServer.start();
		this.contextRunner.withPropertyValues(remote(this.server))
			.withUserConfiguration(DatasetEvalConfiguration.class)
			.run((context) -> {
				Dataset golden = context.getBean(Datasets.class).open("golden");
				for (int i = 1; i <= 4; i++) {
					golden.insert(i, i * 2);
				}
				EvalRunner runner = context.getBean(EvalRunner.class);

				EvalResult first = runner.run("doubling");
				golden.insert(5, 11);
				EvalResult second = runner.run("doubling");

				List<ObjectNode> experiments = this.server.state().experiments();
				assertThat(experiments).hasSize(2);
				assertThat(experiments.get(1).path("base_exp_id").asString())
					.isEqualTo(experiments.get(0).path("id").asString());
				assertThat(experiments).allSatisfy(
						(experiment) -> assertThat(experiment.path("dataset_id").asString()).isEqualTo(golden.id()));
				assertThat(experiments.get(0).path("dataset_version").asString()).isEqualTo(first.datasetVersion());
				assertThat(experiments.get(1).path("dataset_version").asString()).isEqualTo(second.datasetVersion())
					.isNotEqualTo(first.datasetVersion());
				ExperimentSummary summary = second.summary();
				assertThat(summary.comparisonExperimentName()).isEqualTo(first.experimentName());
				assertThat(summary.scores().get("exact").score()).isEqualTo(0.8);
				String url = this.server.url() + "/app/fake-org/p/calculator/experiments/" + second.experimentName();
				assertThat(summary.experimentUrl()).isEqualTo(url);
				assertThat(output).contains("See results for " + second.experimentName() + " at " + url);
				assertThat(this.server.state()
					.mergedRows(ObjectType.PROJECT_LOGS,
							this.server.state().projectNamed("calculator").path("id").asString()))
					.isEmpty();
				Optional<ExperimentInfo> found = context.getBean(ExperimentCatalog.class)
					.findByName("calculator", first.experimentName());
				assertThat(found).hasValueSatisfying((experiment) -> assertThat(experiment.location())
					.isEqualTo(this.server.url() + "/app/fake-org/p/calculator/experiments/" + first.experimentName()));
			});
	}

	private static String[] remote(FakeBraintrustServer server) {
		return new String[] { "braintrust.api-key=" + server.apiKey(), "braintrust.api-url=" + server.url(),
				"braintrust.app-url=" + server.url(), "braintrust.project=calculator",
				"braintrust.export.max-retries=1", "braintrust.export.initial-backoff=10ms",
				"braintrust.export.max-backoff=20ms", "braintrust.export.connect-timeout=2s",
				"braintrust.logger.async.schedule-delay=20ms" };
	}

	@Configuration(proxyBeanMethods = false)
	static class DatasetEvalConfiguration {

		@Bean
		@Eval(name = "doubling", project = "calculator")
		EvalDefinition<Object, Object> doubling() {
			return EvalDefinition.<Object, Object>builder()
				.data(EvalData.dataset("golden"))
				.task((input) -> ((Integer) input) * 2)
				.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBackendsConfiguration {

		@Bean
		ExperimentCatalog userCatalog() {
			return new ExperimentCatalog() {

				@Override
				public List<ExperimentInfo> list(String projectName) {
					return List.of();
				}

				@Override
				public List<ObjectNode> readRows(ExperimentInfo experiment) {
					return List.of();
				}

			};
		}

		@Bean
		ExperimentSummarizer userSummarizer() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		Datasets userDatasets() {
			return (options) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

}

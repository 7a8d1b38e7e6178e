package dev.braintrust.spring.boot.autoconfigure.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalCase;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalListener;
import dev.braintrust.spring.eval.EvalMethodProcessor;
import dev.braintrust.spring.eval.EvalRegistry;
import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.dataset.Dataset;
import dev.braintrust.spring.eval.dataset.Datasets;
import dev.braintrust.spring.eval.dataset.LocalDatasets;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.ExperimentSummary;
import dev.braintrust.spring.eval.experiment.LocalExperimentCatalog;
import dev.braintrust.spring.eval.experiment.LocalExperimentSummarizer;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.store.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustEvalAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustEvalAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BraintrustAutoConfiguration.class, BraintrustEvalAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.directory, "braintrust.eval.progress-interval=0");
	}

	@Test
	void providesTheRunnerAndTheLocalStoreBackendsInLocalMode() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(EvalMethodProcessor.class)
				.hasSingleBean(EvalRegistry.class)
				.hasSingleBean(EvalRunner.class)
				.hasSingleBean(LocalExperimentCatalog.class)
				.hasSingleBean(LocalExperimentSummarizer.class)
				.hasSingleBean(LocalDatasets.class)
				.hasSingleBean(SystemExitEvalExitHandler.class)
				.doesNotHaveBean(EvalStartupRunner.class);
			assertThat(context.getBean(EvalRunner.class).registry()).isSameAs(context.getBean(EvalRegistry.class));
		});
	}

	@Test
	@Timeout(60)
	void runsTheApplicationsEvalsIntoTheLocalStoreWithThresholdsFromProperties() {
		contextRunner().withUserConfiguration(EvalConfiguration.class)
			.withPropertyValues("braintrust.eval.thresholds.arithmetic.min-score.exact=0.9",
					"braintrust.eval.thresholds.arithmetic.max-regressions=0", "braintrust.eval.max-concurrency=2")
			.run((context) -> {
				EvalRunner runner = context.getBean(EvalRunner.class);
				assertThat(runner.registry().names()).containsExactly("arithmetic");

				EvalResult result = runner.run("arithmetic");

				assertThat(result.cases()).hasSize(4);
				assertThat(result.summary().scores().get("exact").score()).isEqualTo(0.75);
				assertThat(result.passed()).isFalse();
				assertThat(result.thresholds().failures()).singleElement()
					.asString()
					.contains("score 'exact' is 75.00%, below the minimum of 90.00%");
				assertThat(context.getBean(LocalStore.class).listObjects(ObjectType.EXPERIMENT, "arithmetic"))
					.hasSize(1);
				assertThat(context.getBean(RecordingListener.class).completed).containsExactly("arithmetic");
			});
	}

	@Test
	@Timeout(30)
	void datasetsAreOpenedInTheLoggersProject() {
		contextRunner().withPropertyValues("braintrust.project=shop").run((context) -> {
			Dataset dataset = context.getBean(Datasets.class).open("golden");
			dataset.insert("q", "a");

			assertThat(dataset.projectName()).isEqualTo("shop");
			assertThat(dataset.fetchAll()).hasSize(1);
		});
	}

	@Test
	void registersTheStartupRunnerWhenAsked() {
		contextRunner().withPropertyValues("braintrust.eval.run-on-startup=true", "braintrust.eval.include=a,b*")
			.run((context) -> assertThat(context).hasSingleBean(EvalStartupRunner.class));
	}

	@Test
	void propertyDefaultsMatchTheRunnersDefaults() {
		BraintrustEvalProperties properties = new BraintrustEvalProperties();

		assertThat(properties.getMaxConcurrency()).isEqualTo(EvalRunner.DEFAULT_MAX_CONCURRENCY);
		assertThat(properties.getProgressInterval()).isEqualTo(EvalRunner.DEFAULT_PROGRESS_INTERVAL);
		assertThat(properties.isRunOnStartup()).isFalse();
		assertThat(properties.isExitAfterRun()).isFalse();
	}

	@Test
	void bindsTheProperties() {
		contextRunner()
			.withPropertyValues("braintrust.eval.progress-interval=500ms", "braintrust.eval.include=a,b*",
					"braintrust.eval.exclude[0]=c", "braintrust.eval.thresholds[my.eval].min-score.exact=0.5",
					"braintrust.eval.thresholds[my.eval].max-regressions=3")
			.run((context) -> {
				BraintrustEvalProperties properties = context.getBean(BraintrustEvalProperties.class);
				assertThat(properties.getProgressInterval()).isEqualTo(Duration.ofMillis(500));
				assertThat(properties.getInclude()).containsExactly("a", "b*");
				assertThat(properties.getExclude()).containsExactly("c");
				assertThat(properties.getThresholds().get("my.eval").getMinScore()).containsEntry("exact", 0.5);
				assertThat(properties.getThresholds().get("my.eval").getMaxRegressions()).isEqualTo(3);
			});
	}

	@Test
	void reportsInvalidPropertiesByName() {
		contextRunner().withPropertyValues("braintrust.eval.thresholds.quiz.min-score.exact=80")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("braintrust.eval.thresholds.quiz.min-score.exact is 80.0"));
		contextRunner().withPropertyValues("braintrust.eval.max-concurrency=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("braintrust.eval.max-concurrency is 0"));
	}

	@Test
	@Timeout(60)
	void runsEvalsInMemoryWhenBraintrustIsDisabled() {
		contextRunner().withUserConfiguration(EvalConfiguration.class)
			.withPropertyValues("braintrust.mode=disabled")
			.run((context) -> {
				EvalResult result = context.getBean(EvalRunner.class).run("arithmetic");

				assertThat(result.cases()).hasSize(4);
				assertThat(result.summary().scores().get("exact").score()).isEqualTo(0.75);
			});
	}

	@Test
	void backsOffOnUserBeans() {
		contextRunner().withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EvalRunner.class)
				.getBean(EvalRunner.class)
				.isSameAs(context.getBean(UserBeansConfiguration.class).runner);
			assertThat(context).doesNotHaveBean(LocalDatasets.class)
				.doesNotHaveBean(LocalExperimentSummarizer.class)
				.doesNotHaveBean(LocalExperimentCatalog.class)
				.doesNotHaveBean(SystemExitEvalExitHandler.class);
		});
	}

	@Test
	void canBeTurnedOff() {
		contextRunner().withPropertyValues("braintrust.eval.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EvalRunner.class)
				.doesNotHaveBean(EvalRegistry.class)
				.doesNotHaveBean(EvalMethodProcessor.class));
	}

	@Test
	@Timeout(60)
	void runsWithoutTheLocalStoreInRemoteMode() {
		contextRunner().withUserConfiguration(EvalConfiguration.class, CollectingExporterConfiguration.class)
			.withPropertyValues("braintrust.api-key=test-key")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LocalStore.class)
					.doesNotHaveBean(Datasets.class)
					.doesNotHaveBean(ExperimentSummarizer.class);

				EvalResult result = context.getBean(EvalRunner.class).run("arithmetic");

				assertThat(result.summary().scores().get("exact").score()).isEqualTo(0.75);
				assertThat(result.summary().metrics()).containsOnlyKeys("duration", "errors");
				context.getBean(BraintrustLogger.class).flush();
				List<LogRow> rows = context.getBean(CollectingExporterConfiguration.class).rows;
				assertThat(rows).isNotEmpty()
					.allSatisfy((row) -> assertThat(row.target()).isEqualTo(result.experiment()));
				assertThat(result.experiment().type()).isEqualTo(ObjectType.EXPERIMENT);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class EvalConfiguration {

		@Bean
		@Eval("arithmetic")
		EvalDefinition<Integer, Integer> arithmetic() {
			return EvalDefinition.<Integer, Integer>builder()
				.data(EvalData.of(EvalCase.of(1, 2), EvalCase.of(2, 4), EvalCase.of(3, 6), EvalCase.of(4, 9)))
				.task((input) -> input * 2)
				.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
				.build();
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

	static class RecordingListener implements EvalListener {

		final List<String> completed = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void runCompleted(EvalResult result) {
			this.completed.add(result.evalName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		final EvalRunner runner = EvalRunner.builder(BraintrustLogger.noop()).build();

		@Bean
		EvalRunner userEvalRunner() {
			return this.runner;
		}

		@Bean
		Datasets userDatasets() {
			return (options) -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		ExperimentSummarizer userSummarizer() {
			return (request) -> new ExperimentSummary("p", null, null, "e", null, null, null, java.util.Map.of(),
					java.util.Map.of());
		}

		@Bean
		ExperimentCatalog userCatalog() {
			return new ExperimentCatalog() {

				@Override
				public List<dev.braintrust.spring.eval.experiment.ExperimentInfo> list(String projectName) {
					return List.of();
				}

				@Override
				public List<tools.jackson.databind.node.ObjectNode> readRows(
						dev.braintrust.spring.eval.experiment.ExperimentInfo experiment) {
					return List.of();
				}

			};
		}

		@Bean
		EvalExitHandler userExitHandler() {
			return (context, exitCode) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CollectingExporterConfiguration {

		final List<LogRow> rows = Collections.synchronizedList(new ArrayList<>());

		@Bean
		LogExporter collectingExporter() {
			return new LogExporter() {

				@Override
				public void export(List<LogRow> batch) {
					CollectingExporterConfiguration.this.rows.addAll(batch);
				}

				@Override
				public void flush() {
				}

				@Override
				public void shutdown() {
				}

			};
		}

	}

}

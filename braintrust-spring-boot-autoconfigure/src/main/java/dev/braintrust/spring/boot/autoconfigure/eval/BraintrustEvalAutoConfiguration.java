package dev.braintrust.spring.boot.autoconfigure.eval;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.eval.EvalListener;
import dev.braintrust.spring.eval.EvalMethodProcessor;
import dev.braintrust.spring.eval.EvalRegistry;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.eval.dataset.Datasets;
import dev.braintrust.spring.eval.dataset.LocalDatasets;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.LocalExperimentCatalog;
import dev.braintrust.spring.eval.experiment.LocalExperimentSummarizer;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.store.LocalStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Braintrust evals: discovery of
 * {@code @Eval} evaluators into an {@link EvalRegistry}, the {@link EvalRunner}, the
 * local store's datasets and experiment summaries, and, with
 * {@code braintrust.eval.run-on-startup}, a run of the selected evals once the
 * application is ready.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class)
@ConditionalOnBean(BraintrustLogger.class)
@ConditionalOnBooleanProperty(name = "braintrust.eval.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BraintrustEvalProperties.class)
public final class BraintrustEvalAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static EvalMethodProcessor evalMethodProcessor() {
		return new EvalMethodProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	EvalRegistry evalRegistry() {
		return new EvalRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	EvalRunner evalRunner(BraintrustLogger braintrustLogger, EvalRegistry evalRegistry,
			BraintrustEvalProperties properties, ObjectProvider<ExperimentSummarizer> summarizer,
			ObjectProvider<ExperimentCatalog> catalog, ObjectProvider<Datasets> datasets,
			ObjectProvider<LocalStore> localStore, ObjectProvider<EvalListener> listeners,
			ResourceLoader resourceLoader) {
		EvalRunner.Builder builder = EvalRunner.builder(braintrustLogger)
			.registry(evalRegistry)
			.summarizer(summarizer.getIfUnique())
			.catalog(catalog.getIfUnique())
			.datasets(datasets.getIfUnique())
			.localStore(localStore.getIfUnique())
			.defaultMaxConcurrency(EvalPropertiesValidation.maxConcurrency(properties))
			.progressInterval(EvalPropertiesValidation.progressInterval(properties));
		ClassLoader classLoader = resourceLoader.getClassLoader();
		if (classLoader != null) {
			builder.classLoader(classLoader);
		}
		properties.getThresholds()
			.forEach((name, thresholds) -> builder.thresholds(name,
					EvalPropertiesValidation.thresholds(name, thresholds)));
		listeners.orderedStream().forEach(builder::listener);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	EvalExitHandler evalExitHandler() {
		return new SystemExitEvalExitHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("braintrust.eval.run-on-startup")
	EvalStartupRunner evalStartupRunner(EvalRunner evalRunner, BraintrustEvalProperties properties,
			EvalExitHandler evalExitHandler) {
		return new EvalStartupRunner(evalRunner, properties.getInclude(), properties.getExclude(),
				properties.isExitAfterRun(), evalExitHandler);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LocalStore.class)
	static class LocalStoreEvalConfiguration {

		@Bean
		@ConditionalOnMissingBean(ExperimentCatalog.class)
		LocalExperimentCatalog evalExperimentCatalog(LocalStore localStore) {
			return new LocalExperimentCatalog(localStore);
		}

		@Bean
		@ConditionalOnMissingBean(ExperimentSummarizer.class)
		LocalExperimentSummarizer evalExperimentSummarizer(LocalStore localStore, ExperimentCatalog catalog) {
			return new LocalExperimentSummarizer(localStore, catalog);
		}

		@Bean
		@ConditionalOnMissingBean(Datasets.class)
		LocalDatasets braintrustDatasets(BraintrustLogger braintrustLogger, LocalStore localStore) {
			return new LocalDatasets(braintrustLogger, localStore, braintrustLogger.target().projectName());
		}

	}

}

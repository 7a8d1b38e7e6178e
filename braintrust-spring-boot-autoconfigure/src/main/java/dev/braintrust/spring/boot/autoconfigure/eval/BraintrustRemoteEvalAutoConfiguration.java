package dev.braintrust.spring.boot.autoconfigure.eval;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.RemoteModeCondition;
import dev.braintrust.spring.eval.dataset.Datasets;
import dev.braintrust.spring.eval.dataset.RemoteDatasets;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentSummarizer;
import dev.braintrust.spring.eval.experiment.RemoteExperimentCatalog;
import dev.braintrust.spring.eval.experiment.RemoteExperimentSummarizer;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for evals in remote mode: the
 * experiments and datasets of evals live in Braintrust, read and summarized through its
 * REST API with the {@link HttpLogExporter}'s client. Runs before
 * {@link BraintrustEvalAutoConfiguration}, which builds the eval runner from these beans.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class, before = BraintrustEvalAutoConfiguration.class)
@Conditional(RemoteModeCondition.class)
@ConditionalOnBooleanProperty(name = "braintrust.eval.enabled", matchIfMissing = true)
@ConditionalOnBean({ BraintrustLogger.class, HttpLogExporter.class })
public final class BraintrustRemoteEvalAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ExperimentCatalog.class)
	RemoteExperimentCatalog evalExperimentCatalog(HttpLogExporter braintrustHttpLogExporter) {
		return new RemoteExperimentCatalog(braintrustHttpLogExporter);
	}

	@Bean
	@ConditionalOnMissingBean(ExperimentSummarizer.class)
	RemoteExperimentSummarizer evalExperimentSummarizer(HttpLogExporter braintrustHttpLogExporter) {
		return new RemoteExperimentSummarizer(braintrustHttpLogExporter);
	}

	@Bean
	@ConditionalOnMissingBean(Datasets.class)
	RemoteDatasets braintrustDatasets(BraintrustLogger braintrustLogger, HttpLogExporter braintrustHttpLogExporter) {
		return new RemoteDatasets(braintrustLogger, braintrustHttpLogExporter, braintrustLogger.target().projectName());
	}

}

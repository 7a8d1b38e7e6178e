package dev.braintrust.spring.boot.autoconfigure;

import java.util.List;

import dev.braintrust.spring.boot.autoconfigure.BraintrustProperties.Mode;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.BraintrustLoggerBuilder;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.MaskingFunction;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link BraintrustLogger}:
 * its connection details, its row pipeline and, without an API key, the embedded
 * {@link LocalStore}; with one, export to Braintrust's REST API
 * ({@link RemoteExportConfiguration}). {@code braintrust.enabled=false} has the same
 * effect as {@code braintrust.mode=disabled}: a no-op logger, so code that injects the
 * logger still runs.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties(BraintrustProperties.class)
@Import(RemoteExportConfiguration.class)
public final class BraintrustAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(BraintrustConnectionDetails.class)
	PropertiesBraintrustConnectionDetails braintrustConnectionDetails(BraintrustProperties properties) {
		return new PropertiesBraintrustConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PipelineCounters braintrustPipelineCounters() {
		return new PipelineCounters();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	BraintrustLogger braintrustLogger(BraintrustProperties properties, BraintrustConnectionDetails connectionDetails,
			PipelineCounters counters, ObjectProvider<LogExporter> exporters,
			ObjectProvider<MaskingFunction> maskingFunction,
			ObjectProvider<BraintrustLoggerBuilderCustomizer> customizers, Environment environment) {
		Mode mode = ResolvedMode.resolve(properties.isEnabled(), properties.getMode(), connectionDetails.getApiKey());
		if (mode == Mode.DISABLED) {
			return BraintrustLogger.noop();
		}
		List<LogExporter> available = exporters.orderedStream().toList();
		if (available.isEmpty()) {
			throw new BraintrustConfigurationException(
					"No Braintrust exporter is available for braintrust.mode=" + mode.name().toLowerCase(),
					"Set braintrust.mode=local to use the embedded local store, or define a LogExporter bean.");
		}
		BraintrustProperties.Logger logger = properties.getLogger();
		BraintrustProperties.Logger.Async async = logger.getAsync();
		BraintrustLoggerBuilder builder = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs(projectName(properties, environment), properties.getProjectId()))
			.exporter((available.size() == 1) ? available.get(0) : LogExporter.composite(available))
			.counters(counters)
			.maskingFunction(maskingFunction.getIfUnique())
			.async(async.isEnabled())
			.maxQueueSize(async.getMaxQueueSize())
			.maxBatchSize(async.getMaxBatchSize())
			.maxBatchBytes(async.getMaxBatchBytes().toBytes())
			.scheduleDelay(async.getScheduleDelay())
			.exportTimeout(async.getExportTimeout())
			.shutdownTimeout(async.getShutdownTimeout())
			.dropLogInterval(async.getDropLogInterval())
			.maxStringLength(logger.getMaxStringLength())
			.maxDepth(logger.getMaxDepth())
			.captureCaller(logger.isCaptureCaller());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	GlobalLoggerRegistration braintrustGlobalLoggerRegistration(BraintrustLogger braintrustLogger) {
		return new GlobalLoggerRegistration(braintrustLogger);
	}

	static String projectName(BraintrustProperties properties, Environment environment) {
		if (StringUtils.hasText(properties.getProject())) {
			return properties.getProject().trim();
		}
		String applicationName = environment.getProperty("spring.application.name");
		return StringUtils.hasText(applicationName) ? applicationName.trim() : "Global";
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(LocalModeCondition.class)
	static class LocalStoreConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		LocalStore braintrustLocalStore(BraintrustProperties properties) {
			return new LocalStore(properties.getLocal().getDirectory());
		}

		@Bean
		LocalStoreExporter braintrustLocalStoreExporter(LocalStore localStore, PipelineCounters counters) {
			return new LocalStoreExporter(localStore, counters);
		}

		@Bean
		BraintrustLoggerBuilderCustomizer braintrustLocalStorePermalinks(LocalStore localStore) {
			return (builder) -> builder.permalinks(localStore::permalink);
		}

	}

}

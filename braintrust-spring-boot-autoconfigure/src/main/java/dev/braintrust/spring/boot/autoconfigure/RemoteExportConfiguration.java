package dev.braintrust.spring.boot.autoconfigure;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.export.HttpLogExporterBuilder;
import dev.braintrust.spring.logger.PipelineCounters;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Export to Braintrust's REST API, in remote mode: the {@link HttpLogExporter} (TLS from
 * the SSL bundle named by {@code braintrust.ssl.bundle}, the JVM's proxy settings) and
 * links to rows in the Braintrust app. Nothing here touches the network at start-up.
 *
 * @author Braintrust
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RemoteModeCondition.class)
class RemoteExportConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpLogExporter braintrustHttpLogExporter(BraintrustProperties properties,
			BraintrustConnectionDetails connectionDetails, PipelineCounters counters,
			ObjectProvider<SslBundles> sslBundles) {
		String apiKey = connectionDetails.getApiKey();
		if (apiKey == null) {
			throw new BraintrustConfigurationException(
					"Braintrust is configured with braintrust.mode=remote but no API key is set.",
					"Set braintrust.api-key (environment variable BRAINTRUST_API_KEY) to a Braintrust API key, or "
							+ "set braintrust.mode=local to log to the embedded local store instead.");
		}
		BraintrustProperties.Export export = properties.getExport();
		HttpLogExporterBuilder builder = HttpLogExporter.builder(connectionDetails.getApiUrl(), apiKey)
			.appUrl(connectionDetails.getAppUrl())
			.orgName(connectionDetails.getOrgName())
			.connectTimeout(export.getConnectTimeout())
			.requestTimeout(export.getRequestTimeout())
			.maxRetries(export.getMaxRetries())
			.initialBackoff(export.getInitialBackoff())
			.maxBackoff(export.getMaxBackoff())
			.maxRequestRows(export.getMaxRequestRows())
			.maxRequestSize(export.getMaxRequestSize().toBytes())
			.spoolDirectory(export.getSpoolDirectory())
			.maxSpoolSize(export.getMaxSpoolSize().toBytes())
			.failedPayloadsDirectory(export.getFailedPayloadsDirectory())
			.counters(counters);
		BraintrustSsl ssl = BraintrustSsl.from(properties, sslBundles.getIfAvailable());
		if (ssl != null) {
			builder.sslContext(ssl.context());
			if (ssl.parameters() != null) {
				builder.sslParameters(ssl.parameters());
			}
		}
		return builder.build();
	}

	@Bean
	BraintrustLoggerBuilderCustomizer braintrustRemoteLinks(HttpLogExporter braintrustHttpLogExporter) {
		return (builder) -> builder.permalinks(braintrustHttpLogExporter.permalinks())
			.objectIds(braintrustHttpLogExporter::objectId);
	}

}

package dev.braintrust.spring.boot.autoconfigure;

import javax.net.ssl.SSLParameters;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.export.HttpLogExporterBuilder;
import dev.braintrust.spring.logger.PipelineCounters;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

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
		String bundleName = properties.getSsl().getBundle();
		if (StringUtils.hasText(bundleName)) {
			SslBundle bundle = sslBundle(sslBundles.getIfAvailable(), bundleName.trim());
			builder.sslContext(bundle.createSslContext());
			SslOptions options = bundle.getOptions();
			if (options.isSpecified()) {
				SSLParameters parameters = new SSLParameters();
				parameters.setCipherSuites(options.getCiphers());
				parameters.setProtocols(options.getEnabledProtocols());
				builder.sslParameters(parameters);
			}
		}
		return builder.build();
	}

	@Bean
	BraintrustLoggerBuilderCustomizer braintrustRemoteLinks(HttpLogExporter braintrustHttpLogExporter) {
		return (builder) -> builder.permalinks(braintrustHttpLogExporter.permalinks())
			.objectIds(braintrustHttpLogExporter::objectId);
	}

	private static SslBundle sslBundle(@Nullable SslBundles sslBundles, String name) {
		if (sslBundles == null) {
			throw new BraintrustConfigurationException(
					"braintrust.ssl.bundle is set to '" + name + "' but no SSL bundles are configured.",
					"Define the bundle under spring.ssl.bundle (for example spring.ssl.bundle.pem." + name
							+ ".truststore.certificate), or remove braintrust.ssl.bundle.");
		}
		try {
			return sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new BraintrustConfigurationException(
					"braintrust.ssl.bundle is set to '" + name + "' but there is no SSL bundle with that name.",
					"Define it under spring.ssl.bundle (for example spring.ssl.bundle.pem." + name
							+ ".truststore.certificate), or correct braintrust.ssl.bundle; bundles defined: "
							+ sslBundles.getBundleNames());
		}
	}

}

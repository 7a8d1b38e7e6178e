package dev.braintrust.spring.boot.autoconfigure.actuate;

import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint;
import dev.braintrust.spring.actuate.endpoint.BraintrustEndpointWebExtension;
import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.BraintrustConnectionDetails;
import dev.braintrust.spring.boot.autoconfigure.BraintrustProperties;
import dev.braintrust.spring.boot.autoconfigure.ResolvedMode;
import dev.braintrust.spring.boot.autoconfigure.eval.BraintrustEvalAutoConfiguration;
import dev.braintrust.spring.eval.EvalRunTracker;
import dev.braintrust.spring.eval.EvalRunner;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.store.LocalStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link BraintrustEndpoint},
 * read-only unless {@code management.endpoint.braintrust.access=unrestricted}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = { BraintrustAutoConfiguration.class, BraintrustEvalAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(BraintrustLogger.class)
public final class BraintrustEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EvalRunner.class)
	@ConditionalOnAvailableEndpoint(BraintrustEndpoint.class)
	EvalRunTracker braintrustEvalRunTracker() {
		return new EvalRunTracker();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	BraintrustEndpoint braintrustEndpoint(BraintrustProperties properties,
			BraintrustConnectionDetails connectionDetails, BraintrustLogger braintrustLogger,
			ObjectProvider<LocalStore> localStore, ObjectProvider<HttpLogExporter> exporter,
			ObjectProvider<EvalRunner> evalRunner, ObjectProvider<EvalRunTracker> evalRunTracker) {
		BraintrustEndpoint.Connection connection = new BraintrustEndpoint.Connection(
				ResolvedMode.name(properties, connectionDetails), connectionDetails.getApiUrl(),
				connectionDetails.getAppUrl(), BraintrustEndpoint.Connection.apiKeyHint(connectionDetails.getApiKey()),
				connectionDetails.getOrgName(), properties.getProjectId());
		EvalRunner runner = evalRunner.getIfUnique();
		EvalRunTracker tracker = evalRunTracker.getIfUnique();
		BraintrustEndpoint.Evals evals = (runner != null && tracker != null)
				? new BraintrustEndpoint.Evals(runner, tracker) : null;
		return new BraintrustEndpoint(connection, braintrustLogger, localStore.getIfUnique(), exporter.getIfUnique(),
				evals);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(endpoint = BraintrustEndpoint.class, exposure = EndpointExposure.WEB)
	BraintrustEndpointWebExtension braintrustEndpointWebExtension(BraintrustEndpoint braintrustEndpoint,
			ObjectProvider<WebEndpointProperties> webEndpointProperties) {
		WebEndpointProperties web = webEndpointProperties.getIfAvailable(WebEndpointProperties::new);
		String path = web.getPathMapping().getOrDefault("braintrust", "braintrust");
		return new BraintrustEndpointWebExtension(braintrustEndpoint, web.getBasePath() + "/" + path);
	}

}

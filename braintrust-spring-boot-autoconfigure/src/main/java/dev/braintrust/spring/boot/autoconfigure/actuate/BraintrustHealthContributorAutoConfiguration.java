package dev.braintrust.spring.boot.autoconfigure.actuate;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.BraintrustConnectionDetails;
import dev.braintrust.spring.boot.autoconfigure.BraintrustProperties;
import dev.braintrust.spring.boot.autoconfigure.ResolvedMode;
import dev.braintrust.spring.health.BraintrustHealthIndicator;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.store.LocalStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link BraintrustHealthIndicator}, switched by
 * {@code management.health.braintrust.enabled}. It joins no health group (readiness
 * included): an outage of the telemetry backend must not take the application out of
 * service.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@AutoConfiguration(after = BraintrustAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(BraintrustLogger.class)
@ConditionalOnEnabledHealthIndicator("braintrust")
public final class BraintrustHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "braintrustHealthIndicator")
	BraintrustHealthIndicator braintrustHealthIndicator(BraintrustProperties properties,
			BraintrustConnectionDetails connectionDetails, BraintrustLogger braintrustLogger,
			ObjectProvider<LocalStore> localStore) {
		return new BraintrustHealthIndicator(ResolvedMode.name(properties, connectionDetails), braintrustLogger,
				localStore.getIfUnique());
	}

}

package dev.braintrust.spring.boot.autoconfigure.actuate;

import java.time.Duration;

import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint;
import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint.BraintrustDescriptor;
import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.health.BraintrustHealthIndicator;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint, the health indicator and the meters in remote mode, against the fake
 * Braintrust server: while it answers, while every export fails, and once it answers
 * again.
 *
 * @author Braintrust
 */
@Timeout(120)
class BraintrustActuatorRemoteIntegrationTests {

	private FakeBraintrustServer server;

	@BeforeEach
	void startServer() {
		this.server = FakeBraintrustServer.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void reportsExportsAnOutageAndTheRecovery() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, BraintrustAutoConfiguration.class,
					BraintrustEndpointAutoConfiguration.class, BraintrustHealthContributorAutoConfiguration.class,
					BraintrustMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("braintrust.api-key=" + this.server.apiKey(), "braintrust.api-url=" + this.server.url(),
					"braintrust.app-url=" + this.server.url(), "braintrust.project=checkout",
					"braintrust.export.max-retries=0", "braintrust.logger.async.enabled=false",
					"management.endpoints.web.exposure.include=braintrust")
			.run((context) -> {
				BraintrustLogger logger = context.getBean(BraintrustLogger.class);
				BraintrustEndpoint endpoint = context.getBean(BraintrustEndpoint.class);
				BraintrustHealthIndicator health = context.getBean(BraintrustHealthIndicator.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);

				logger.log((event) -> event.input("q").output("a"));

				String projectId = this.server.state().projectNamed("checkout").path("id").asString();
				BraintrustDescriptor status = endpoint.braintrust();
				assertThat(status.mode()).isEqualTo("remote");
				assertThat(status.apiUrl()).isEqualTo(this.server.url());
				assertThat(status.apiKey())
					.isEqualTo("****" + this.server.apiKey().substring(this.server.apiKey().length() - 4));
				assertThat(status.project().name()).isEqualTo("checkout");
				assertThat(status.project().id()).isEqualTo(projectId);
				assertThat(status.pipeline().sent()).isEqualTo(1);
				assertThat(JsonMapper.builder().build().writeValueAsString(status))
					.doesNotContain(this.server.apiKey());
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				assertThat(meters.get("braintrust.rows").tag("outcome", "sent").functionCounter().count()).isOne();

				this.server.failAll(Fault.serviceUnavailable());
				for (int i = 0; i < BraintrustHealthIndicator.FAILURE_THRESHOLD; i++) {
					logger.log((event) -> event.input("q").output("a"));
				}

				Health down = health.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("mode", "remote")
					.containsEntry("dropped", (long) BraintrustHealthIndicator.FAILURE_THRESHOLD)
					.containsKey("lastSuccess");
				assertThat(down.getDetails().get("lastError").toString()).contains("503");
				assertThat(endpoint.braintrust().pipeline().consecutiveFailures())
					.isEqualTo(BraintrustHealthIndicator.FAILURE_THRESHOLD);
				assertThat(meters.get("braintrust.rows").tag("outcome", "dropped").functionCounter().count())
					.isEqualTo(BraintrustHealthIndicator.FAILURE_THRESHOLD);
				assertThat(meters.get("braintrust.export.failures").functionCounter().count())
					.isEqualTo(BraintrustHealthIndicator.FAILURE_THRESHOLD);

				this.server.clearFaults();
				logger.log((event) -> event.input("q").output("a"));

				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
				assertThat(endpoint.braintrust().pipeline().sent()).isEqualTo(2);
			});
	}

}

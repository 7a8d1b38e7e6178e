package dev.braintrust.spring.boot.autoconfigure;

import java.nio.file.Path;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the remote-mode wiring of {@link BraintrustAutoConfiguration}.
 */
@Timeout(60)
class RemoteExportConfigurationTests {

	@TempDir
	Path temp;

	private FakeBraintrustServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, BraintrustAutoConfiguration.class));

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
			this.server.assertNoValidationFailures();
		}
	}

	@Test
	void withAnApiKeyRowsGoToBraintrustAndNothingIsSentAtStartUp() {
		this.server = FakeBraintrustServer.start();
		this.runner.withPropertyValues(remote(this.server))
			.withPropertyValues("braintrust.org-name=fake-org")
			.run((context) -> {
				assertThat(context).hasSingleBean(HttpLogExporter.class).doesNotHaveBean(LocalStore.class);
				assertThat(this.server.requests()).isEmpty();
				BraintrustLogger logger = context.getBean(BraintrustLogger.class);
				String id = logger.log(LogEvent.builder().input("hello").build());
				assertThat(logger.permalink(id))
					.isEqualTo(this.server.url() + "/app/fake-org/p/checkout/logs?oid=" + id);
				assertThat(logger.flush()).isTrue();
				assertThat(this.server.state().projectLogs("checkout")).singleElement()
					.satisfies((row) -> assertThat(row.path("input").asString()).isEqualTo("hello"));
				String projectId = this.server.state().projectNamed("checkout").path("id").asString();
				assertThat(logger.permalink(id)).contains("object?object_type=project_logs&object_id=" + projectId);
				assertThat(logger.startSpan("s").export()).isNotBlank();
			});
	}

	@Test
	void withoutAnApiKeyRowsStayLocal() {
		this.runner.withPropertyValues("braintrust.local.directory=" + this.temp).run((context) -> {
			assertThat(context).doesNotHaveBean(HttpLogExporter.class).hasSingleBean(LocalStore.class);
		});
	}

	@Test
	void localModeWinsOverAnApiKey() {
		this.runner
			.withPropertyValues("braintrust.api-key=sk-local", "braintrust.mode=local",
					"braintrust.local.directory=" + this.temp)
			.run((context) -> assertThat(context).doesNotHaveBean(HttpLogExporter.class)
				.hasSingleBean(LocalStore.class));
	}

	@Test
	void disabledMeansNoExporter() {
		this.runner.withPropertyValues("braintrust.api-key=sk-x", "braintrust.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HttpLogExporter.class));
	}

	@Test
	void remoteModeWithoutAKeyFailsWithAClearMessage() {
		this.runner.withPropertyValues("braintrust.mode=remote").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BraintrustConfigurationException.class)
				.hasMessageContaining("braintrust.mode=remote but no API key is set");
		});
	}

	@Test
	void exportPropertiesReachTheExporter() {
		this.server = FakeBraintrustServer.start();
		Path spool = this.temp.resolve("spool");
		this.runner.withPropertyValues(remote(this.server))
			.withPropertyValues("braintrust.export.spool-directory=" + spool, "braintrust.export.max-request-rows=2")
			.run((context) -> {
				HttpLogExporter exporter = context.getBean(HttpLogExporter.class);
				assertThat(exporter.toString()).contains(spool.toString()).doesNotContain(this.server.apiKey());
				assertThat(spool.resolve(".lock")).exists();
				BraintrustLogger logger = context.getBean(BraintrustLogger.class);
				for (int i = 0; i < 5; i++) {
					logger.log(LogEvent.builder().input("row " + i).build());
				}
				logger.flush();
				assertThat(this.server.requests("POST", "/v1/insert")).hasSize(3);
			});
	}

	@Test
	void aUserDefinedExporterReplacesTheAutoConfiguredOne() {
		this.runner.withPropertyValues("braintrust.api-key=sk-x")
			.withUserConfiguration(UserExporterConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(HttpLogExporter.class)
				.getBean(HttpLogExporter.class)
				.isSameAs(context.getBean(UserExporterConfiguration.class).exporter));
	}

	@Test
	void anUnknownSslBundleFailsWithAClearMessage() {
		this.runner.withPropertyValues("braintrust.api-key=sk-x", "braintrust.ssl.bundle=corporate").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BraintrustConfigurationException.class)
				.hasMessageContaining("braintrust.ssl.bundle is set to 'corporate'");
		});
	}

	@Test
	void theSslBundleMakesTheServersCertificateTrusted() {
		this.server = FakeBraintrustServer.startHttps();
		this.runner.withPropertyValues(remote(this.server))
			.withPropertyValues("spring.ssl.bundle.pem.corporate.truststore.certificate="
					+ FakeBraintrustServer.CERTIFICATE_LOCATION, "braintrust.ssl.bundle=corporate")
			.run((context) -> {
				BraintrustLogger logger = context.getBean(BraintrustLogger.class);
				logger.log(LogEvent.builder().input("over TLS").build());
				assertThat(logger.flush()).isTrue();
				assertThat(this.server.state().projectLogs("checkout")).hasSize(1);
			});
	}

	@Test
	void withoutTheBundleAnUntrustedCertificateIsRefused() {
		this.server = FakeBraintrustServer.startHttps();
		this.runner.withPropertyValues(remote(this.server)).run((context) -> {
			BraintrustLogger logger = context.getBean(BraintrustLogger.class);
			logger.log(LogEvent.builder().input("not over TLS").build());
			logger.flush();
			assertThat(this.server.requests()).isEmpty();
			assertThat(logger.stats().dropped()).isEqualTo(1);
			assertThat(logger.stats().lastError()).contains("SSLHandshakeException");
		});
	}

	private static String[] remote(FakeBraintrustServer server) {
		return new String[] { "braintrust.api-key=" + server.apiKey(), "braintrust.api-url=" + server.url(),
				"braintrust.app-url=" + server.url(), "braintrust.project=checkout", "braintrust.export.max-retries=1",
				"braintrust.export.initial-backoff=10ms", "braintrust.export.max-backoff=20ms",
				"braintrust.export.connect-timeout=2s", "braintrust.logger.async.schedule-delay=20ms" };
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExporterConfiguration {

		final HttpLogExporter exporter = HttpLogExporter.builder("http://127.0.0.1:9", "sk-user").build();

		@Bean
		HttpLogExporter userExporter() {
			return this.exporter;
		}

		@Bean
		LogExporter unrelated() {
			return LogExporter.noop();
		}

	}

}

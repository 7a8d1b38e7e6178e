package dev.braintrust.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.logger.Braintrust;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.MaskingFunction;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustAutoConfigurationTests {

	@TempDir
	Path store;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.store);
	}

	@Test
	void withoutApiKeyLogsToTheEmbeddedLocalStore() {
		runner().withPropertyValues("braintrust.project=checkout").run((context) -> {
			assertThat(context).hasSingleBean(BraintrustLogger.class).hasSingleBean(LocalStore.class);
			BraintrustLogger logger = context.getBean(BraintrustLogger.class);
			Span span = logger.startSpan("charge");
			span.log((event) -> event.input("card").output("ok"));
			span.end();
			assertThat(logger.flush()).isTrue();
			LocalStore localStore = context.getBean(LocalStore.class);
			List<ObjectNode> rows = localStore.readMergedRows(ObjectRef.projectLogs("checkout", null));
			assertThat(rows).hasSize(1);
			assertThat(rows.get(0).get("output").stringValue()).isEqualTo("ok");
			assertThat(localStore.directory()).isEqualTo(this.store.toAbsolutePath());
			assertThat(Braintrust.logger()).isSameAs(logger);
		});
		assertThat(Braintrust.logger()).isSameAs(BraintrustLogger.noop());
	}

	@Test
	void projectDefaultsToTheApplicationName() {
		runner().withPropertyValues("spring.application.name=orders")
			.run((context) -> assertThat(context.getBean(BraintrustLogger.class).target())
				.isEqualTo(ObjectRef.projectLogs("orders", null)));
		runner().run((context) -> assertThat(context.getBean(BraintrustLogger.class).target().projectName())
			.isEqualTo("Global"));
	}

	@Test
	void localModeUsesTheStoreEvenWithAnApiKey() {
		runner().withPropertyValues("braintrust.mode=local", "braintrust.api-key=sk-test-123")
			.run((context) -> assertThat(context).hasSingleBean(LocalStore.class)
				.hasSingleBean(BraintrustLogger.class));
	}

	@Test
	void remoteModeWithoutApiKeyFailsNamingThePropertyAndTheEnvironmentVariable() {
		runner().withPropertyValues("braintrust.mode=remote").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new BraintrustConfigurationFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("braintrust.mode=remote").contains("no API key");
			assertThat(analysis.getAction()).contains("braintrust.api-key").contains("BRAINTRUST_API_KEY");
		});
	}

	@Test
	void disabledModeGivesANoopLoggerAndNoStore() {
		runner().withPropertyValues("braintrust.mode=disabled").run((context) -> {
			assertThat(context).doesNotHaveBean(LocalStore.class);
			assertThat(context.getBean(BraintrustLogger.class)).isSameAs(BraintrustLogger.noop());
		});
		runner().withPropertyValues("braintrust.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LocalStore.class);
			assertThat(context.getBean(BraintrustLogger.class)).isSameAs(BraintrustLogger.noop());
		});
	}

	@Test
	void backsOffWhenTheUserDefinesALogger() {
		runner().withUserConfiguration(UserLoggerConfiguration.class)
			.run((context) -> assertThat(context.getBean(BraintrustLogger.class))
				.isSameAs(context.getBean("myLogger")));
	}

	@Test
	void maskingFunctionBeanIsAppliedBeforeTheStore() {
		runner().withUserConfiguration(MaskingConfiguration.class)
			.withPropertyValues("braintrust.project=p")
			.run((context) -> {
				BraintrustLogger logger = context.getBean(BraintrustLogger.class);
				logger.log((event) -> event.input("card 4111-1111").output("ok"));
				logger.flush();
				ObjectNode row = context.getBean(LocalStore.class)
					.readMergedRows(ObjectRef.projectLogs("p", null))
					.get(0);
				assertThat(row.get("input").stringValue()).isEqualTo("[masked]");
				assertThat(row.get("output").stringValue()).isEqualTo("[masked]");
			});
	}

	@Test
	void customizersAndExtraExportersAreApplied() {
		runner().withUserConfiguration(ExtraExporterConfiguration.class).run((context) -> {
			BraintrustLogger logger = context.getBean(BraintrustLogger.class);
			logger.log((event) -> event.input("x"));
			logger.flush(Duration.ofSeconds(10));
			assertThat(ExtraExporterConfiguration.exported).hasSize(1);
			assertThat(context.getBean(LocalStore.class).listObjects()).hasSize(1);
		});
	}

	@Test
	void unwritableStoreDirectoryFailsWithAnAnalysis() throws Exception {
		Path file = java.nio.file.Files.writeString(this.store.resolve("file"), "x");
		runner().withPropertyValues("braintrust.local.directory=" + file.resolve("sub")).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new LocalStoreFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getAction()).contains("braintrust.local.directory");
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(java.nio.file.FileSystemException.class);
			assertThat(analysis.getCause()).isInstanceOf(LocalStoreException.class);
		});
	}

	@Test
	void pipelinePropertiesAreValidatedWithTheirNames() {
		runner().withPropertyValues("braintrust.logger.async.max-queue-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasRootCauseMessage("braintrust.logger.async.max-queue-size must be at least 1, was 0");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLoggerConfiguration {

		@Bean
		BraintrustLogger myLogger() {
			return BraintrustLogger.builder().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MaskingConfiguration {

		@Bean
		MaskingFunction maskingFunction() {
			return (value) -> value.isString() ? JsonNodeFactory.instance.stringNode("[masked]") : value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExtraExporterConfiguration {

		static final List<LogRow> exported = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		LogExporter recordingExporter() {
			return exported::addAll;
		}

		@Bean
		BraintrustLoggerBuilderCustomizer fastSchedule() {
			return (builder) -> builder.scheduleDelay(Duration.ofMillis(10));
		}

	}

}

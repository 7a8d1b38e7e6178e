package dev.braintrust.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLoggerBuilder;
import dev.braintrust.spring.logger.ValueCapture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding {@link BraintrustProperties}, from Braintrust's environment variables
 * in particular.
 *
 * @author Braintrust
 */
class BraintrustPropertiesBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class))
		.withPropertyValues("braintrust.mode=disabled");

	@Test
	void braintrustEnvironmentVariablesBindUnchanged() {
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("BRAINTRUST_API_KEY", "sk-env-key", "BRAINTRUST_API_URL", "https://api.example.test",
								"BRAINTRUST_APP_URL", "https://app.example.test", "BRAINTRUST_ORG_NAME", "acme",
								"BRAINTRUST_PROJECT", "checkout", "BRAINTRUST_PROJECT_ID", "p-123"))))
			.run((context) -> {
				BraintrustProperties properties = context.getBean(BraintrustProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("sk-env-key");
				assertThat(properties.getApiUrl()).isEqualTo("https://api.example.test");
				assertThat(properties.getAppUrl()).isEqualTo("https://app.example.test");
				assertThat(properties.getOrgName()).isEqualTo("acme");
				assertThat(properties.getProject()).isEqualTo("checkout");
				assertThat(properties.getProjectId()).isEqualTo("p-123");
				BraintrustConnectionDetails details = context.getBean(BraintrustConnectionDetails.class);
				assertThat(details.getApiKey()).isEqualTo("sk-env-key");
				assertThat(details.toString()).doesNotContain("sk-env-key");
			});
	}

	@Test
	void defaults() {
		this.runner.run((context) -> {
			BraintrustProperties properties = context.getBean(BraintrustProperties.class);
			assertThat(properties.getApiUrl()).isEqualTo("https://api.braintrust.dev");
			assertThat(properties.getAppUrl()).isEqualTo("https://www.braintrust.dev");
			assertThat(properties.getMode()).isEqualTo(BraintrustProperties.Mode.DISABLED);
			assertThat(properties.getLocal().getDirectory().toString()).isEqualTo(".braintrust");
			assertThat(properties.getLogger().getAsync().getMaxQueueSize()).isEqualTo(10_000);
		});
	}

	@Test
	void durationsWithoutUnitAreSecondsAndSizesBind() {
		this.runner
			.withPropertyValues("braintrust.logger.async.export-timeout=45",
					"braintrust.logger.async.schedule-delay=250ms", "braintrust.logger.async.max-batch-bytes=2MB",
					"braintrust.export.request-timeout=12")
			.run((context) -> {
				BraintrustProperties properties = context.getBean(BraintrustProperties.class);
				assertThat(properties.getLogger().getAsync().getExportTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(properties.getLogger().getAsync().getScheduleDelay()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.getLogger().getAsync().getMaxBatchBytes()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(properties.getExport().getRequestTimeout()).isEqualTo(Duration.ofSeconds(12));
			});
	}

	@Test
	void propertyDefaultsMatchTheLoggerBuilderDefaults() {
		BraintrustProperties.Logger logger = new BraintrustProperties().getLogger();
		BraintrustProperties.Logger.Async async = logger.getAsync();
		assertThat(logger.getMaxStringLength()).isEqualTo(ValueCapture.DEFAULT_MAX_STRING_LENGTH);
		assertThat(logger.getMaxDepth()).isEqualTo(ValueCapture.DEFAULT_MAX_DEPTH);
		assertThat(async.getMaxQueueSize()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_MAX_QUEUE_SIZE);
		assertThat(async.getMaxBatchSize()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_MAX_BATCH_SIZE);
		assertThat(async.getMaxBatchBytes().toBytes()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_MAX_BATCH_BYTES);
		assertThat(async.getScheduleDelay()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_SCHEDULE_DELAY);
		assertThat(async.getExportTimeout()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_EXPORT_TIMEOUT);
		assertThat(async.getShutdownTimeout()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(async.getDropLogInterval()).isEqualTo(BraintrustLoggerBuilder.DEFAULT_DROP_LOG_INTERVAL);
	}

	@Test
	void modeBindsCaseInsensitively() {
		this.runner.withPropertyValues("braintrust.mode=LOCAL")
			.run((context) -> assertThat(context.getBean(BraintrustProperties.class).getMode())
				.isEqualTo(BraintrustProperties.Mode.LOCAL));
	}

}

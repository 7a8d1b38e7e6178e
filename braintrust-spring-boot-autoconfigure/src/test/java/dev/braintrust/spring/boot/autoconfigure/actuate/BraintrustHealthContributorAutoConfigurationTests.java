package dev.braintrust.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.health.BraintrustHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustHealthContributorAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustHealthContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
					BraintrustHealthContributorAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.directory);
	}

	@Test
	void registersTheIndicatorByDefault() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(BraintrustHealthIndicator.class).hasBean("braintrustHealthIndicator");
			assertThat(context.getBean(BraintrustHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			assertThat(context.getBean(BraintrustHealthIndicator.class).health().getDetails()).containsEntry("mode",
					"local");
		});
	}

	@Test
	void canBeSwitchedOff() {
		contextRunner().withPropertyValues("management.health.braintrust.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustHealthIndicator.class));
	}

	@Test
	void isSwitchedOffWithTheDefaultsOfAllIndicators() {
		contextRunner().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustHealthIndicator.class));
	}

	@Test
	void isAbsentWithoutSpringBootHealth() {
		contextRunner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BraintrustHealthIndicator.class));
	}

	@Test
	void followsTheDisabledMode() {
		contextRunner().withPropertyValues("braintrust.mode=disabled")
			.run((context) -> assertThat(context.getBean(BraintrustHealthIndicator.class).health().getDetails())
				.containsEntry("mode", "disabled"));
	}

}

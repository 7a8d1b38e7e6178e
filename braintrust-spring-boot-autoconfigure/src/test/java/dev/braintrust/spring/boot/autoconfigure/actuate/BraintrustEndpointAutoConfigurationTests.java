package dev.braintrust.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;

import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint;
import dev.braintrust.spring.actuate.endpoint.BraintrustEndpointWebExtension;
import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.boot.autoconfigure.eval.BraintrustEvalAutoConfiguration;
import dev.braintrust.spring.eval.EvalRunStatus.State;
import dev.braintrust.spring.eval.EvalRunTracker;
import dev.braintrust.spring.eval.EvalRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustEndpointAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustEndpointAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
					BraintrustEvalAutoConfiguration.class, BraintrustEndpointAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.directory, "braintrust.eval.progress-interval=0");
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		contextRunner().run((context) -> assertThat(context).doesNotHaveBean(BraintrustEndpoint.class)
			.doesNotHaveBean(BraintrustEndpointWebExtension.class)
			.doesNotHaveBean(EvalRunTracker.class));
	}

	@Test
	void endpointAndItsWebExtensionArePresentWhenExposedOverHttp() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=braintrust").run((context) -> {
			assertThat(context).hasSingleBean(BraintrustEndpoint.class)
				.hasSingleBean(BraintrustEndpointWebExtension.class)
				.hasSingleBean(EvalRunTracker.class);
			assertThat(context.getBean(BraintrustEndpoint.class).braintrust().mode()).isEqualTo("local");
		});
	}

	@Test
	void endpointIsAbsentWhenItsAccessIsNone() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=braintrust",
					"management.endpoint.braintrust.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutTheActuator() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=braintrust")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BraintrustEndpoint.class));
	}

	@Test
	void showsTheLastFourCharactersOfTheKeyInRemoteMode() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=braintrust",
					"braintrust.api-key=sk-abcdefghijklmnop-1234", "braintrust.api-url=http://127.0.0.1:9")
			.run((context) -> {
				BraintrustEndpoint.BraintrustDescriptor status = context.getBean(BraintrustEndpoint.class).braintrust();
				assertThat(status.mode()).isEqualTo("remote");
				assertThat(status.apiKey()).isEqualTo("****1234");
				assertThat(status.apiUrl()).isEqualTo("http://127.0.0.1:9");
				assertThat(status.localStore()).isNull();
				assertThat(status.spool()).isNotNull();
			});
	}

	@Test
	@Timeout(60)
	void followsRunsStartedByTheRunnerItself() {
		contextRunner().withUserConfiguration(ArithmeticEvalConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=braintrust")
			.run((context) -> {
				context.getBean(EvalRunner.class).run("arithmetic");

				BraintrustEndpoint.EvalRunDescriptor run = context.getBean(BraintrustEndpoint.class)
					.eval("arithmetic")
					.run();
				assertThat(run.state()).isEqualTo(State.COMPLETED);
				assertThat(run.completedCases()).isEqualTo(4);
				assertThat(run.failedCases()).isOne();
				assertThat(run.scores()).containsEntry("exact", 2.0 / 3);
			});
	}

	@Test
	void evalsAreLeftOutWhenTurnedOff() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=braintrust", "braintrust.eval.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(BraintrustEndpoint.class).doesNotHaveBean(EvalRunTracker.class);
				assertThat(context.getBean(BraintrustEndpoint.class).braintrust().evals()).isEmpty();
			});
	}

}

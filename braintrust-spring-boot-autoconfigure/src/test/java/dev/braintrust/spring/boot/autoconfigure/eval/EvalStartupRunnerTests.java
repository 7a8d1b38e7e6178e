package dev.braintrust.spring.boot.autoconfigure.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EvalStartupRunner} in a running application, with a recording
 * {@link EvalExitHandler}.
 *
 * @author Braintrust
 */
class EvalStartupRunnerTests {

	@TempDir
	Path directory;

	@Test
	@Timeout(60)
	void exitsWithZeroWhenThresholdsHold() {
		List<Integer> exits = run("--test.accuracy=1.0", "--braintrust.eval.thresholds.arithmetic.min-score.exact=0.8");

		assertThat(exits).containsExactly(0);
	}

	@Test
	@Timeout(60)
	void exitsWithOneWhenAThresholdFails() {
		List<Integer> exits = run("--test.accuracy=0.5", "--braintrust.eval.thresholds.arithmetic.min-score.exact=0.8");

		assertThat(exits).containsExactly(EvalStartupRunner.EXIT_FAILED);
	}

	@Test
	@Timeout(60)
	void exitsWithOneWhenAnIncludedEvalDoesNotExist() {
		List<Integer> exits = run("--braintrust.eval.include=arithmetic,missing");

		assertThat(exits).containsExactly(EvalStartupRunner.EXIT_FAILED);
		assertThat(experiments()).extracting((object) -> object.ref().projectName()).containsExactly("arithmetic");
	}

	@Test
	@Timeout(60)
	void runsOnlyTheSelectedEvals() {
		List<Integer> exits = run("--braintrust.eval.include=*", "--braintrust.eval.exclude=arith*");

		assertThat(exits).containsExactly(0);
		assertThat(experiments()).extracting((object) -> object.ref().projectName()).containsExactly("echo");
	}

	@Test
	@Timeout(60)
	void doesNotExitWithoutExitAfterRun() {
		List<Integer> exits = runWithoutExit("--test.accuracy=0.1",
				"--braintrust.eval.thresholds.arithmetic.min-score.exact=0.8");

		assertThat(exits).isEmpty();
		assertThat(experiments()).hasSize(2);
	}

	private List<Integer> run(String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		arguments.add("--braintrust.eval.exit-after-run=true");
		return start(arguments);
	}

	private List<Integer> runWithoutExit(String... args) {
		return start(new ArrayList<>(List.of(args)));
	}

	private List<Integer> start(List<String> arguments) {
		arguments.add("--braintrust.local.directory=" + this.directory);
		arguments.add("--braintrust.eval.run-on-startup=true");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ArithmeticEvalApplication.class,
				RecordingExit.class)
			.web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new))) {
			return context.getBean(RecordingExit.class).exits;
		}
	}

	private List<StoredObject> experiments() {
		try (LocalStore store = new LocalStore(this.directory)) {
			return store.listObjects()
				.stream()
				.filter((object) -> object.ref().type() == ObjectType.EXPERIMENT)
				.toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingExit {

		final List<Integer> exits = new ArrayList<>();

		@Bean
		EvalExitHandler recordingExitHandler() {
			return (context, exitCode) -> this.exits.add(exitCode);
		}

	}

}

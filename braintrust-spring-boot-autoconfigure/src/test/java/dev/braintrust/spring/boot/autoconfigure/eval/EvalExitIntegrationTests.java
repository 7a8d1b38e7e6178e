package dev.braintrust.spring.boot.autoconfigure.eval;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link ArithmeticEvalApplication} in its own JVM with
 * {@code braintrust.eval.run-on-startup} and {@code braintrust.eval.exit-after-run}, and
 * checks the process's exit status, as a CI job would.
 *
 * @author Braintrust
 */
class EvalExitIntegrationTests {

	@TempDir
	Path directory;

	@Test
	@Timeout(300)
	void exitStatusIsZeroWhenThresholdsHold() throws Exception {
		Result result = runApplication("--test.accuracy=1.0",
				"--braintrust.eval.thresholds.arithmetic.min-score.exact=0.9");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("=====SUMMARY=====")
			.contains("100.00% 'exact' score")
			.contains("Thresholds of eval 'arithmetic' passed");
	}

	@Test
	@Timeout(300)
	void exitStatusIsNonZeroWhenAThresholdFails() throws Exception {
		Result result = runApplication("--test.accuracy=0.5",
				"--braintrust.eval.thresholds.arithmetic.min-score.exact=0.9");

		assertThat(result.exitCode()).as(result.output()).isEqualTo(EvalStartupRunner.EXIT_FAILED);
		assertThat(result.output()).contains("score 'exact' is 50.00%, below the minimum of 90.00%");
	}

	private Result runApplication(String... args) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
				classpath, ArithmeticEvalApplication.class.getName(),
				"--braintrust.local.directory=" + this.directory.resolve("store"),
				"--braintrust.eval.run-on-startup=true", "--braintrust.eval.exit-after-run=true"));
		command.addAll(List.of(args));
		File output = this.directory.resolve("output.log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
		try {
			if (!process.waitFor(240, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The application did not exit:\n" + Files.readString(output.toPath()));
			}
			return new Result(process.exitValue(), Files.readString(output.toPath()));
		}
		finally {
			process.destroyForcibly();
		}
	}

	private record Result(int exitCode, String output) {
	}

}

package dev.braintrust.spring.boot.autoconfigure.eval;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the application context and exits the JVM with the eval run's exit code.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class SystemExitEvalExitHandler implements EvalExitHandler {

	@Override
	public void exit(ConfigurableApplicationContext context, int exitCode) {
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

}

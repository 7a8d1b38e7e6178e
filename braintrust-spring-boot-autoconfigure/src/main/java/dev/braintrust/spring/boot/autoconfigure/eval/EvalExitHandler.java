package dev.braintrust.spring.boot.autoconfigure.eval;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends the application once the evals run on startup have finished, when
 * {@code braintrust.eval.exit-after-run} is set. The default closes the context with
 * {@code SpringApplication.exit} and then calls {@code System.exit}; define a bean of
 * this type to do otherwise (in tests, for instance).
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface EvalExitHandler {

	/**
	 * Exit.
	 * @param context the application context
	 * @param exitCode 0 when every eval passed, else non-zero
	 */
	void exit(ConfigurableApplicationContext context, int exitCode);

}

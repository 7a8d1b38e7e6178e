package dev.braintrust.spring.boot.autoconfigure.eval;

import java.util.List;

import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.EvalRunner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs the selected evals once the application is ready
 * ({@code braintrust.eval.run-on-startup}) and, with
 * {@code braintrust.eval.exit-after-run}, exits with status 0 when every one passed its
 * thresholds and {@value #EXIT_FAILED} otherwise, so a CI job can gate on it.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class EvalStartupRunner implements ApplicationListener<ApplicationReadyEvent> {

	/** The exit code when an eval failed its thresholds or could not run. */
	public static final int EXIT_FAILED = 1;

	private static final Log logger = LogFactory.getLog(EvalStartupRunner.class);

	private final EvalRunner runner;

	private final EvalSelection selection;

	private final boolean exitAfterRun;

	private final EvalExitHandler exitHandler;

	/**
	 * Create a startup runner.
	 * @param runner the eval runner
	 * @param include the evals to run (names or patterns), all when empty
	 * @param exclude the evals not to run
	 * @param exitAfterRun whether to exit once the evals have run
	 * @param exitHandler how to exit
	 */
	public EvalStartupRunner(EvalRunner runner, List<String> include, List<String> exclude, boolean exitAfterRun,
			EvalExitHandler exitHandler) {
		this.runner = runner;
		this.selection = new EvalSelection(List.copyOf(include), List.copyOf(exclude));
		this.exitAfterRun = exitAfterRun;
		this.exitHandler = exitHandler;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		int exitCode = runEvals();
		if (this.exitAfterRun) {
			logger.info("Exiting with status " + exitCode + " (braintrust.eval.exit-after-run)");
			this.exitHandler.exit(event.getApplicationContext(), exitCode);
		}
	}

	/**
	 * Run the selected evals.
	 * @return 0 when every eval passed, else {@value #EXIT_FAILED}
	 */
	int runEvals() {
		List<String> names = this.runner.registry().names();
		boolean failed = false;
		List<String> unknown = this.selection.unknown(names);
		if (!unknown.isEmpty()) {
			logger.error("braintrust.eval.include names evals that do not exist: " + String.join(", ", unknown)
					+ "; the registered evals are " + (names.isEmpty() ? "none" : String.join(", ", names)));
			failed = true;
		}
		List<String> selected = this.selection.select(names);
		if (selected.isEmpty() && unknown.isEmpty()) {
			logger.warn("No evals to run on startup: "
					+ (names.isEmpty() ? "none is registered (declare an EvalDefinition bean or an @Eval method)"
							: "braintrust.eval.include and braintrust.eval.exclude select none of "
									+ String.join(", ", names)));
		}
		int passed = 0;
		for (String name : selected) {
			try {
				EvalResult result = this.runner.run(name);
				if (result.passed()) {
					passed++;
				}
				else {
					failed = true;
				}
			}
			catch (RuntimeException ex) {
				logger.error("Eval '" + name + "' could not run: " + ex.getMessage(), ex);
				failed = true;
			}
		}
		if (!selected.isEmpty()) {
			String message = "Ran " + selected.size() + " eval(s) on startup: " + passed + " passed, "
					+ (selected.size() - passed) + " failed";
			if (failed) {
				logger.warn(message);
			}
			else {
				logger.info(message);
			}
		}
		return failed ? EXIT_FAILED : 0;
	}

}

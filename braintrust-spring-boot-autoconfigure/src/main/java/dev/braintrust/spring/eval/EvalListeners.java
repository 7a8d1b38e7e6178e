package dev.braintrust.spring.eval;

import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls every {@link EvalListener}, logging (never propagating) what they throw.
 *
 * @author Braintrust
 */
final class EvalListeners implements EvalListener {

	private static final Log logger = LogFactory.getLog(EvalListeners.class);

	private final List<EvalListener> listeners;

	EvalListeners(List<EvalListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void runStarted(String evalName, String experimentName, int totalCases) {
		each((listener) -> listener.runStarted(evalName, experimentName, totalCases));
	}

	@Override
	public void caseCompleted(String evalName, EvalCaseResult result) {
		each((listener) -> listener.caseCompleted(evalName, result));
	}

	@Override
	public void taskProgress(String evalName, int caseIndex, int trialIndex, Object event) {
		each((listener) -> listener.taskProgress(evalName, caseIndex, trialIndex, event));
	}

	@Override
	public void runCompleted(EvalResult result) {
		each((listener) -> listener.runCompleted(result));
	}

	private void each(Consumer<EvalListener> call) {
		for (EvalListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Eval listener " + listener + " failed: " + ex, ex);
			}
		}
	}

}

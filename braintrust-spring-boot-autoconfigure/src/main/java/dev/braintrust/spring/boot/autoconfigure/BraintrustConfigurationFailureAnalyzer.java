package dev.braintrust.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link BraintrustConfigurationException} as a readable start-up failure.
 *
 * @author Braintrust
 */
class BraintrustConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BraintrustConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BraintrustConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}

package dev.braintrust.spring.boot.autoconfigure;

import dev.braintrust.spring.store.LocalStoreException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an unusable local store directory as a readable start-up failure.
 *
 * @author Braintrust
 */
class LocalStoreFailureAnalyzer extends AbstractFailureAnalyzer<LocalStoreException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LocalStoreException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set braintrust.local.directory (environment variable BRAINTRUST_LOCAL_DIRECTORY) to a writable "
						+ "directory, set braintrust.api-key (BRAINTRUST_API_KEY) to send rows to Braintrust instead, "
						+ "or set braintrust.mode=disabled.",
				cause);
	}

}

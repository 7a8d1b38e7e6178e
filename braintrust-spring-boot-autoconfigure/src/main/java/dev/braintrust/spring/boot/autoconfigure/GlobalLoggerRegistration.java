package dev.braintrust.spring.boot.autoconfigure;

import dev.braintrust.spring.logger.Braintrust;
import dev.braintrust.spring.logger.BraintrustLogger;

import org.springframework.beans.factory.DisposableBean;

/**
 * Makes the application's logger reachable through {@link Braintrust} while the context
 * runs.
 *
 * @author Braintrust
 */
final class GlobalLoggerRegistration implements DisposableBean {

	private final BraintrustLogger logger;

	GlobalLoggerRegistration(BraintrustLogger logger) {
		this.logger = logger;
		Braintrust.setLogger(logger);
	}

	@Override
	public void destroy() {
		Braintrust.clearLogger(this.logger);
	}

}

package dev.braintrust.spring.boot.autoconfigure;

/**
 * Matches when rows go to the embedded local store: {@code braintrust.mode=local}, or
 * {@code auto} without an API key.
 *
 * @author Braintrust
 */
class LocalModeCondition extends ModeCondition {

	LocalModeCondition() {
		super("local", false);
	}

}

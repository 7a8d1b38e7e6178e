package dev.braintrust.spring.boot.autoconfigure;

/**
 * Matches when rows go to Braintrust's REST API: {@code braintrust.mode=remote}, or
 * {@code auto} with an API key. The counterpart of {@link LocalModeCondition}. Public so
 * that the auto-configurations of other features (evals) can require remote mode too.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class RemoteModeCondition extends ModeCondition {

	public RemoteModeCondition() {
		super("remote", true);
	}

}

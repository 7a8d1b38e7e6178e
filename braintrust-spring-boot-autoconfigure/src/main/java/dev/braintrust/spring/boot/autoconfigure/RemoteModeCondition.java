package dev.braintrust.spring.boot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when rows go to Braintrust's REST API: {@code braintrust.mode=remote}, or
 * {@code auto} with an API key. The counterpart of {@link LocalModeCondition}.
 *
 * @author Braintrust
 */
class RemoteModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String mode = environment.getProperty("braintrust.mode", "auto").trim().toLowerCase(Locale.ROOT);
		String apiKey = environment.getProperty("braintrust.api-key");
		boolean enabled = environment.getProperty("braintrust.enabled", Boolean.class, true);
		boolean hasKey = apiKey != null && !apiKey.isBlank();
		if (!enabled) {
			return ConditionOutcome.noMatch("braintrust.enabled is false");
		}
		if (mode.equals("remote")) {
			return ConditionOutcome.match("braintrust.mode is remote");
		}
		if (mode.equals("auto") && hasKey) {
			return ConditionOutcome.match("braintrust.mode is auto and an API key is set");
		}
		return ConditionOutcome.noMatch("braintrust.mode is " + mode + (hasKey ? "" : " without an API key"));
	}

}

package dev.braintrust.spring.boot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when rows go to the embedded local store: {@code braintrust.mode=local}, or
 * {@code auto} without an API key.
 *
 * @author Braintrust
 */
class LocalModeCondition extends SpringBootCondition {

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
		if (mode.equals("local")) {
			return ConditionOutcome.match("braintrust.mode is local");
		}
		if (mode.equals("auto") && !hasKey) {
			return ConditionOutcome.match("braintrust.mode is auto and no API key is set");
		}
		return ConditionOutcome.noMatch("braintrust.mode is " + mode + (hasKey ? " with an API key" : ""));
	}

}

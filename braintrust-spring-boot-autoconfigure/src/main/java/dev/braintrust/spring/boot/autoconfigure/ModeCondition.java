package dev.braintrust.spring.boot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when rows go to one destination, the way {@link ResolvedMode} decides it, but
 * without failing: {@code braintrust.mode=remote} with no key still matches the remote
 * side, so that the failure analyzer reports the missing key when the logger is built.
 *
 * @author Braintrust
 * @since 0.1.0
 */
abstract class ModeCondition extends SpringBootCondition {

	private final String expected;

	private final String auto;

	/**
	 * Create a condition.
	 * @param expected the mode that matches ({@code local} or {@code remote})
	 * @param autoMatchesWithKey whether {@code auto} matches with an API key set (remote)
	 * or without one (local)
	 */
	ModeCondition(String expected, boolean autoMatchesWithKey) {
		this.expected = expected;
		this.auto = autoMatchesWithKey ? "with" : "without";
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (!environment.getProperty("braintrust.enabled", Boolean.class, true)) {
			return ConditionOutcome.noMatch("braintrust.enabled is false");
		}
		String mode = environment.getProperty("braintrust.mode", "auto").trim().toLowerCase(Locale.ROOT);
		String apiKey = environment.getProperty("braintrust.api-key");
		String key = (apiKey != null && !apiKey.isBlank()) ? "with" : "without";
		if (mode.equals(this.expected)) {
			return ConditionOutcome.match("braintrust.mode is " + mode);
		}
		if (mode.equals("auto") && key.equals(this.auto)) {
			return ConditionOutcome.match("braintrust.mode is auto, " + key + " an API key");
		}
		return ConditionOutcome.noMatch("braintrust.mode is " + mode + ", " + key + " an API key");
	}

}

package dev.braintrust.spring.eval;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the name and options of an {@link Eval} annotation.
 *
 * @author Braintrust
 */
final class EvalAnnotations {

	private static final Pattern SIMPLE_DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h|d)?$");

	private EvalAnnotations() {
	}

	static String name(@Nullable Eval eval, String fallback) {
		if (eval != null) {
			if (!eval.name().isBlank()) {
				return eval.name().trim();
			}
			if (!eval.value().isBlank()) {
				return eval.value().trim();
			}
		}
		return fallback;
	}

	static EvalOptions options(@Nullable Eval eval, String where) {
		if (eval == null) {
			return EvalOptions.defaults();
		}
		EvalOptions.Builder options = EvalOptions.builder()
			.project(eval.project())
			.experimentName(eval.experimentName())
			.description(eval.description())
			.baseExperimentName(eval.baseExperiment())
			.tags(eval.tags());
		if (eval.trialCount() != 0) {
			options.trialCount(eval.trialCount());
		}
		if (eval.maxConcurrency() != 0) {
			options.maxConcurrency(eval.maxConcurrency());
		}
		if (!eval.timeout().isBlank()) {
			options.timeout(parseDuration(eval.timeout(), "timeout of @Eval on " + where));
		}
		return options.build();
	}

	/**
	 * Parse {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, a bare number
	 * of milliseconds, or an ISO-8601 duration such as {@code PT30S}.
	 */
	static Duration parseDuration(String text, String what) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		Matcher simple = SIMPLE_DURATION.matcher(value);
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
			return switch (unit) {
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				default -> Duration.ofMillis(amount);
			};
		}
		try {
			return Duration.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"Invalid " + what + ": '" + text
							+ "'; use a number with a unit (500ms, 30s, 2m, 1h, 1d) or an ISO-8601 duration (PT30S)",
					ex);
		}
	}

}

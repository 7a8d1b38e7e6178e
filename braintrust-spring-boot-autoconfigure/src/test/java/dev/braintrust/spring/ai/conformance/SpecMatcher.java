package dev.braintrust.spring.ai.conformance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A value of a custom YAML tag in a conformance case, kept as an object (never as a
 * string) so that the matching rules can tell it from a literal.
 */
sealed interface SpecMatcher permits SpecMatcher.Fn, SpecMatcher.StartsWith, SpecMatcher.Or {

	/**
	 * {@code !fn <expression>}: a named predicate, or the one lambda pattern the spec
	 * uses ({@code lambda value: "X" in value}).
	 *
	 * @param expression the expression as written
	 */
	record Fn(String expression) implements SpecMatcher {

		private static final Pattern CONTAINS = Pattern.compile(
				"^lambda\\s+(\\w+)\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)')\\s+in\\s+\\1\\s*$");

		private static final List<String> NAMED = List.of("is_non_negative_number", "is_positive_number",
				"is_non_empty_string", "undefined_or_null");

		/** Whether this runner knows the expression; an unknown one fails the case. */
		boolean isKnown() {
			return NAMED.contains(this.expression.strip()) || containedText() != null;
		}

		/** The text of a {@code lambda value: "X" in value} expression, else null. */
		@Nullable String containedText() {
			Matcher matcher = CONTAINS.matcher(this.expression.strip());
			if (!matcher.matches()) {
				return null;
			}
			String text = (matcher.group(2) != null) ? matcher.group(2) : matcher.group(3);
			return text.replaceAll("\\\\(.)", "$1");
		}

		@Override
		public String toString() {
			return "!fn " + this.expression;
		}

	}

	/**
	 * {@code !starts_with <prefix>}: a string that starts with the prefix.
	 *
	 * @param prefix the prefix
	 */
	record StartsWith(String prefix) implements SpecMatcher {

		@Override
		public String toString() {
			return "!starts_with " + this.prefix;
		}

	}

	/**
	 * {@code !or [a, b, ...]}: at least one alternative matches.
	 *
	 * @param alternatives the alternatives: literals, maps, lists or matchers
	 */
	record Or(List<@Nullable Object> alternatives) implements SpecMatcher {

		@Override
		public String toString() {
			return "!or " + this.alternatives;
		}

	}

}

package dev.braintrust.spring.ai.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The matching rules of the conformance README:
 * <ul>
 * <li>an expected {@code null} means "don't care"; maps are partial;</li>
 * <li>lists: the actual list is at least as long and its first items match pairwise;</li>
 * <li>a one-element expected list holding a map matches an actual map directly;</li>
 * <li>scalars compare exactly and by type ({@code 0} is not {@code "0"}; numbers compare
 * by value, so {@code 0} matches {@code 0.0});</li>
 * <li>every mismatch is collected with its path, the expected and the actual value.</li>
 * </ul>
 */
final class SpanMatcher {

	private SpanMatcher() {
	}

	/**
	 * Match a value.
	 * @param expected the expected value from YAML
	 * @param actual the actual JSON, or null when absent
	 * @param path the path of the value, for messages
	 * @return the mismatches, empty when it matches
	 */
	static List<Mismatch> match(@Nullable Object expected, @Nullable JsonNode actual, String path) {
		List<Mismatch> mismatches = new ArrayList<>();
		collect(expected, actual, path, mismatches);
		return mismatches;
	}

	private static void collect(@Nullable Object expected, @Nullable JsonNode actual, String path,
			List<Mismatch> mismatches) {
		if (expected == null) {
			return;
		}
		boolean absent = actual == null || actual.isMissingNode();
		if (expected instanceof SpecMatcher matcher) {
			String failure = check(matcher, absent ? null : actual, path);
			if (failure != null) {
				mismatches.add(new Mismatch(path, matcher.toString(), describe(actual), failure));
			}
			return;
		}
		if (absent) {
			mismatches.add(new Mismatch(path, describe(expected), "<absent>", "missing"));
			return;
		}
		if (expected instanceof Map<?, ?> map) {
			if (!actual.isObject()) {
				mismatches.add(new Mismatch(path, "an object", describe(actual), "type differs"));
				return;
			}
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				collect(entry.getValue(), actual.get(key), path + "." + key, mismatches);
			}
			return;
		}
		if (expected instanceof List<?> list) {
			if (list.size() == 1 && list.get(0) instanceof Map<?, ?> && actual.isObject()) {
				collect(list.get(0), actual, path, mismatches);
				return;
			}
			if (!actual.isArray()) {
				mismatches.add(new Mismatch(path, "a list of " + list.size(), describe(actual), "type differs"));
				return;
			}
			if (actual.size() < list.size()) {
				mismatches.add(new Mismatch(path, "at least " + list.size() + " items", actual.size() + " items",
						"list too short"));
			}
			for (int i = 0; i < Math.min(list.size(), actual.size()); i++) {
				collect(list.get(i), actual.get(i), path + "[" + i + "]", mismatches);
			}
			return;
		}
		if (!scalarEquals(expected, actual)) {
			mismatches.add(new Mismatch(path, describe(expected), describe(actual), "value differs"));
		}
	}

	/**
	 * Check a matcher; null when it matches, else the reason. The actual is null when
	 * absent.
	 */
	private static @Nullable String check(SpecMatcher matcher, @Nullable JsonNode actual, String path) {
		if (matcher instanceof SpecMatcher.StartsWith startsWith) {
			return (actual != null && actual.isString() && actual.asString().startsWith(startsWith.prefix())) ? null
					: "not a string starting with '" + startsWith.prefix() + "'";
		}
		if (matcher instanceof SpecMatcher.Or or) {
			List<String> reasons = new ArrayList<>();
			for (Object alternative : or.alternatives()) {
				List<Mismatch> mismatches = match(alternative, actual, path);
				if (mismatches.isEmpty()) {
					return null;
				}
				reasons.add(mismatches.toString());
			}
			return "no alternative matches: " + reasons;
		}
		SpecMatcher.Fn fn = (SpecMatcher.Fn) matcher;
		String contained = fn.containedText();
		if (contained != null) {
			return (actual != null && actual.isString() && actual.asString().contains(contained)) ? null
					: "not a string containing \"" + contained + "\"";
		}
		return switch (fn.expression().strip()) {
			case "undefined_or_null" -> (actual == null || actual.isNull()) ? null : "present and not null";
			case "is_non_negative_number" ->
				(actual != null && actual.isNumber() && actual.asDouble() >= 0) ? null : "not a number >= 0";
			case "is_positive_number" ->
				(actual != null && actual.isNumber() && actual.asDouble() > 0) ? null : "not a number > 0";
			case "is_non_empty_string" ->
				(actual != null && actual.isString() && !actual.asString().isEmpty()) ? null : "not a non-empty string";
			default -> "unknown !fn expression '" + fn.expression() + "' (treated as a failure)";
		};
	}

	private static boolean scalarEquals(Object expected, JsonNode actual) {
		if (expected instanceof String text) {
			return actual.isString() && actual.asString().equals(text);
		}
		if (expected instanceof Boolean bool) {
			return actual.isBoolean() && actual.asBoolean() == bool;
		}
		if (expected instanceof Number number) {
			return actual.isNumber() && new BigDecimal(number.toString()).compareTo(actual.decimalValue()) == 0;
		}
		return false;
	}

	private static String describe(@Nullable Object value) {
		if (value == null || (value instanceof JsonNode node && node.isMissingNode())) {
			return "<absent>";
		}
		if (value instanceof String text) {
			return "\"" + text + "\"";
		}
		String text = String.valueOf(value);
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

	/**
	 * One difference.
	 *
	 * @param path where, e.g. {@code spans[0].metadata.model}
	 * @param expected what was expected
	 * @param actual what was found
	 * @param reason why they differ
	 */
	record Mismatch(String path, String expected, String actual, String reason) {

		@Override
		public String toString() {
			return this.path + ": expected " + this.expected + ", actual " + this.actual + " (" + this.reason + ")";
		}

	}

}

package dev.braintrust.spring.eval.scorers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The values autoevals works on, seen from Java. Every input is first turned into its
 * JSON equivalent, held as a small closed set of types that mirror Python's: {@code null}
 * (None), {@link Boolean} (bool), {@link Long} or {@link BigInteger} (int),
 * {@link Double} (float), {@link String} (str), {@link LinkedHashMap} with string keys
 * (dict) and {@link List} (list). The methods then reproduce what the Python reference
 * does with them: {@code str()}, {@code repr()}, {@code json.dumps} and
 * {@code json.loads}.
 *
 * @author Braintrust
 */
final class PyValues {

	/**
	 * Parses like Python's {@code json.loads}: NaN and Infinity allowed, no trailing
	 * data.
	 */
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Comparator<String> CODE_POINT_ORDER = PyValues::compareCodePoints;

	private PyValues() {
	}

	// ---------------------------------------------------------------- conversion

	/**
	 * The JSON equivalent of a Java value: strings, numbers, booleans, null, maps,
	 * collections, arrays and Jackson nodes map directly; any other object goes through
	 * Jackson's default serialization.
	 * @param value the value
	 * @return the canonical value
	 */
	static @Nullable Object canonical(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
				|| value instanceof Double) {
			return value;
		}
		if (value instanceof Optional<?> optional) {
			return canonical(optional.orElse(null));
		}
		if (value instanceof CharSequence || value instanceof Character) {
			return value.toString();
		}
		if (value instanceof Number number) {
			return canonicalNumber(number);
		}
		if (value instanceof JsonNode node) {
			return fromNode(node);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> dict = new LinkedHashMap<>();
			map.forEach((key, item) -> dict.put(key(key), canonical(item)));
			return dict;
		}
		if (value instanceof Collection<?> collection) {
			List<@Nullable Object> list = new ArrayList<>(collection.size());
			collection.forEach((item) -> list.add(canonical(item)));
			return list;
		}
		if (value instanceof Object[] array) {
			List<@Nullable Object> list = new ArrayList<>(array.length);
			for (Object item : array) {
				list.add(canonical(item));
			}
			return list;
		}
		if (value.getClass().isArray() && !(value instanceof byte[])) {
			int length = java.lang.reflect.Array.getLength(value);
			List<@Nullable Object> list = new ArrayList<>(length);
			for (int i = 0; i < length; i++) {
				list.add(canonical(java.lang.reflect.Array.get(value, i)));
			}
			return list;
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		try {
			return fromNode(MAPPER.valueToTree(value));
		}
		catch (JacksonException ex) {
			// not serializable: Python would fall back to the object's own text as well
			return value.toString();
		}
	}

	private static Object canonicalNumber(Number number) {
		if (number instanceof Integer || number instanceof Short || number instanceof Byte
				|| number instanceof AtomicInteger || number instanceof AtomicLong) {
			return number.longValue();
		}
		if (number instanceof BigInteger big) {
			return (big.bitLength() < 64) ? (Object) big.longValue() : big;
		}
		if (number instanceof Float f) {
			// Jackson writes a float with Float.toString, so its JSON equivalent is that
			// text
			return Double.parseDouble(Float.toString(f));
		}
		return number.doubleValue();
	}

	/** A dict key as {@code json.dumps} would write it. */
	private static String key(@Nullable Object key) {
		if (key == null) {
			return "null";
		}
		if (key instanceof Boolean bool) {
			return bool ? "true" : "false";
		}
		if (key instanceof Number number) {
			Object canonical = canonicalNumber(number);
			return (canonical instanceof Double d) ? floatRepr(d) : canonical.toString();
		}
		if (key instanceof Enum<?> constant) {
			return constant.name();
		}
		return key.toString();
	}

	static @Nullable Object fromNode(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isObject()) {
			Map<String, @Nullable Object> dict = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				dict.put(entry.getKey(), fromNode(entry.getValue()));
			}
			return dict;
		}
		if (node.isArray()) {
			List<@Nullable Object> list = new ArrayList<>(node.size());
			for (JsonNode item : node.values()) {
				list.add(fromNode(item));
			}
			return list;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return canonicalNumber(node.bigIntegerValue());
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isPojo()) {
			return canonical(((tools.jackson.databind.node.POJONode) node).getPojo());
		}
		return fromNode(MAPPER.valueToTree(node.asString()));
	}

	/**
	 * A value as plain JSON text (UTF-8 characters kept), for APIs that take text.
	 */
	static String jsonText(@Nullable Object value) {
		return MAPPER.writeValueAsString(canonical(value));
	}

	static JsonNode toNode(@Nullable Object canonical) {
		return MAPPER.valueToTree(canonical);
	}

	// ---------------------------------------------------------------- type checks

	static boolean isDict(@Nullable Object value) {
		return value instanceof Map;
	}

	static boolean isList(@Nullable Object value) {
		return value instanceof List;
	}

	/**
	 * Whether a canonical value is a Python number ({@code int} or {@code float}); as in
	 * Python, a boolean counts as an integer.
	 */
	static boolean isNumber(@Nullable Object value) {
		return value instanceof Long || value instanceof BigInteger || value instanceof Double
				|| value instanceof Boolean;
	}

	/**
	 * A canonical number as a double, Python's {@code True} being 1.
	 */
	static double toDouble(Object number) {
		if (number instanceof Boolean bool) {
			return bool ? 1 : 0;
		}
		return ((Number) number).doubleValue();
	}

	/**
	 * Python truthiness of a canonical value.
	 */
	static boolean isTruthy(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof String string) {
			return !string.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		if (value instanceof List<?> list) {
			return !list.isEmpty();
		}
		if (value instanceof BigInteger big) {
			return big.signum() != 0;
		}
		return ((Number) value).doubleValue() != 0;
	}

	// ---------------------------------------------------------------- json.loads

	/**
	 * Python's {@code json.loads}.
	 * @param text the text
	 * @return the canonical value
	 * @throws JsonDecodeException when the text is not one JSON value
	 */
	static @Nullable Object loads(String text) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new JsonDecodeException(ex.getOriginalMessage());
		}
		if (node == null || node.isMissingNode()) {
			throw new JsonDecodeException("Expecting value");
		}
		return fromNode(node);
	}

	/**
	 * Whether a text parses as JSON.
	 */
	static boolean isJson(String text) {
		try {
			loads(text);
			return true;
		}
		catch (JsonDecodeException ex) {
			return false;
		}
	}

	// ---------------------------------------------------------------- str and repr

	/**
	 * Python's {@code str()} of a canonical value: a string is itself, containers use the
	 * {@code repr} of their items ({@code {'a': 1}}), {@code None}, {@code True} and
	 * {@code 1.0} are spelled as Python spells them.
	 * @param value a value (converted to its canonical form first)
	 * @return the text
	 */
	static String str(@Nullable Object value) {
		Object canonical = canonical(value);
		return (canonical instanceof String string) ? string : repr(canonical);
	}

	/**
	 * Python's {@code repr()} of a canonical value.
	 */
	static String repr(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		appendRepr(out, value);
		return out.toString();
	}

	private static void appendRepr(StringBuilder out, @Nullable Object value) {
		if (value == null) {
			out.append("None");
		}
		else if (value instanceof Boolean bool) {
			out.append(bool ? "True" : "False");
		}
		else if (value instanceof Double d) {
			out.append(floatStr(d));
		}
		else if (value instanceof Long || value instanceof BigInteger) {
			out.append(value);
		}
		else if (value instanceof String string) {
			appendStringRepr(out, string);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					out.append(", ");
				}
				first = false;
				appendRepr(out, entry.getKey());
				out.append(": ");
				appendRepr(out, entry.getValue());
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(", ");
				}
				appendRepr(out, list.get(i));
			}
			out.append(']');
		}
		else {
			appendRepr(out, canonical(value));
		}
	}

	/**
	 * {@code repr(str)}: single quotes unless the text holds a single quote and no double
	 * quote; printable characters kept, others escaped as Python escapes them.
	 */
	private static void appendStringRepr(StringBuilder out, String text) {
		char quote = (text.indexOf('\'') >= 0 && text.indexOf('"') < 0) ? '"' : '\'';
		out.append(quote);
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == quote || cp == '\\') {
				out.append('\\').appendCodePoint(cp);
			}
			else if (cp == '\t') {
				out.append("\\t");
			}
			else if (cp == '\n') {
				out.append("\\n");
			}
			else if (cp == '\r') {
				out.append("\\r");
			}
			else if (cp < 0x20 || cp == 0x7f) {
				out.append(String.format("\\x%02x", cp));
			}
			else if (cp < 0x7f || isPrintable(cp)) {
				out.appendCodePoint(cp);
			}
			else if (cp <= 0xff) {
				out.append(String.format("\\x%02x", cp));
			}
			else if (cp <= 0xffff) {
				out.append(String.format("\\u%04x", cp));
			}
			else {
				out.append(String.format("\\U%08x", cp));
			}
		}
		out.append(quote);
	}

	/** Python's {@code str.isprintable} for one character. */
	private static boolean isPrintable(int cp) {
		if (cp == ' ') {
			return true;
		}
		return switch (Character.getType(cp)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR ->
				false;
			default -> true;
		};
	}

	/** {@code str(float)}: nan, inf and -inf as Python writes them. */
	private static String floatStr(double d) {
		if (Double.isNaN(d)) {
			return "nan";
		}
		if (Double.isInfinite(d)) {
			return (d > 0) ? "inf" : "-inf";
		}
		return floatRepr(d);
	}

	/**
	 * Python's {@code repr(float)} for a finite value: the shortest decimal that reads
	 * back as the same double, in fixed notation when the exponent is in [-4, 16),
	 * otherwise in Python's scientific form ({@code 1e-05}, {@code 1.5e+16}).
	 * @param d a finite double
	 * @return the text
	 */
	static String floatRepr(double d) {
		if (d == 0) {
			return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
		}
		BigDecimal shortest = shortestDecimal(d).stripTrailingZeros();
		String digits = shortest.unscaledValue().abs().toString();
		int exponent = digits.length() - 1 - shortest.scale();
		StringBuilder out = new StringBuilder();
		if (d < 0) {
			out.append('-');
		}
		if (exponent < -4 || exponent >= 16) {
			out.append(digits.charAt(0));
			if (digits.length() > 1) {
				out.append('.').append(digits, 1, digits.length());
			}
			out.append('e').append((exponent < 0) ? '-' : '+');
			int magnitude = Math.abs(exponent);
			if (magnitude < 10) {
				out.append('0');
			}
			out.append(magnitude);
		}
		else if (exponent >= 0) {
			if (digits.length() <= exponent + 1) {
				out.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
			}
			else {
				out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
			}
		}
		else {
			out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
		}
		return out.toString();
	}

	/**
	 * The shortest decimal that rounds to {@code d}, the closest one when several have
	 * the same length (what Python's repr picks).
	 */
	private static BigDecimal shortestDecimal(double d) {
		BigDecimal exact = new BigDecimal(d);
		for (int precision = 1; precision <= 17; precision++) {
			BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-rounded.scale());
			BigDecimal best = null;
			for (BigDecimal candidate : new BigDecimal[] { rounded, rounded.subtract(unit), rounded.add(unit) }) {
				if (candidate.precision() <= precision && candidate.doubleValue() == d && (best == null
						|| candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
					best = candidate;
				}
			}
			if (best != null) {
				return best;
			}
		}
		return exact.round(MathContext.DECIMAL64);
	}

	// ---------------------------------------------------------------- json.dumps

	/**
	 * Python's {@code json.dumps(value)} with its defaults: separators {@code ", "} and
	 * {@code ": "}, keys in insertion order, non-ASCII escaped.
	 */
	static String dumps(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		appendJson(out, canonical(value), false, ", ", ": ");
		return out.toString();
	}

	/**
	 * Python's {@code json.dumps(value, sort_keys=True, separators=(",", ":"))}.
	 */
	static String dumpsSortedCompact(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		appendJson(out, canonical(value), true, ",", ":");
		return out.toString();
	}

	private static void appendJson(StringBuilder out, @Nullable Object value, boolean sortKeys, String itemSeparator,
			String keySeparator) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Boolean bool) {
			out.append(bool ? "true" : "false");
		}
		else if (value instanceof Double d) {
			if (Double.isNaN(d)) {
				out.append("NaN");
			}
			else if (Double.isInfinite(d)) {
				out.append((d > 0) ? "Infinity" : "-Infinity");
			}
			else {
				out.append(floatRepr(d));
			}
		}
		else if (value instanceof Long || value instanceof BigInteger) {
			out.append(value);
		}
		else if (value instanceof String string) {
			appendJsonString(out, string);
		}
		else if (value instanceof Map<?, ?> map) {
			List<String> keys = new ArrayList<>();
			map.keySet().forEach((key) -> keys.add((String) key));
			if (sortKeys) {
				keys.sort(CODE_POINT_ORDER);
			}
			out.append('{');
			for (int i = 0; i < keys.size(); i++) {
				if (i > 0) {
					out.append(itemSeparator);
				}
				appendJsonString(out, keys.get(i));
				out.append(keySeparator);
				appendJson(out, map.get(keys.get(i)), sortKeys, itemSeparator, keySeparator);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(itemSeparator);
				}
				appendJson(out, list.get(i), sortKeys, itemSeparator, keySeparator);
			}
			out.append(']');
		}
		else {
			appendJson(out, canonical(value), sortKeys, itemSeparator, keySeparator);
		}
	}

	/** A JSON string with {@code ensure_ascii=True}, escaped as Python escapes it. */
	private static void appendJsonString(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/** Python compares strings by code point, not by UTF-16 unit. */
	private static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Boolean.compare(i < a.length(), j < b.length());
	}

	/**
	 * A text that is not valid JSON, as Python's {@code json.JSONDecodeError}.
	 */
	static final class JsonDecodeException extends RuntimeException {

		JsonDecodeException(@Nullable String message) {
			super(message);
		}

	}

}

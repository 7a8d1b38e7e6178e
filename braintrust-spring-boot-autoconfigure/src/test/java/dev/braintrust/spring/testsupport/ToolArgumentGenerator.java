package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes tool-call arguments from the tool's JSON schema and the user's message, as a
 * model would: every required property is filled (every property when the schema lists
 * none), enums take the configured or first value, strings are drawn from the message by
 * the property's name, numbers are the first number in the message.
 */
final class ToolArgumentGenerator {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private static final Pattern PROPER_NOUNS = Pattern.compile("\\b([A-Z][a-zà-ÿ]+(?:(?:[ -]|, )[A-Z][a-zà-ÿ]+)*)");

	private static final Set<String> NOT_NAMES = Set.of("What", "Whats", "What's", "How", "When", "Where", "Who",
			"Which", "Why", "Is", "Are", "Can", "Could", "Would", "Please", "Tell", "Give", "Find", "Get", "Show",
			"The", "A", "An", "I", "I'm", "Do", "Does", "Should", "Will", "Look", "Check", "Count", "Use", "Call");

	private final Map<String, String> enumChoices;

	ToolArgumentGenerator(Map<String, String> enumChoices) {
		this.enumChoices = enumChoices;
	}

	ObjectNode arguments(JsonNode schema, String userText) {
		JsonNode value = value("", schema, userText, 0);
		return (value instanceof ObjectNode object) ? object : NODES.objectNode();
	}

	private JsonNode value(String name, JsonNode schema, String userText, int depth) {
		if (schema.has("const")) {
			return schema.get("const");
		}
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			return enumValue(name, schema.path("enum"));
		}
		if (schema.path("anyOf").isArray() && !schema.path("anyOf").isEmpty()) {
			return value(name, firstNonNull(schema.path("anyOf")), userText, depth);
		}
		if (schema.path("oneOf").isArray() && !schema.path("oneOf").isEmpty()) {
			return value(name, firstNonNull(schema.path("oneOf")), userText, depth);
		}
		String type = type(schema);
		return switch (type) {
			case "object" -> object(schema, userText, depth);
			case "array" -> array(name, schema, userText, depth);
			case "integer" -> NODES.numberNode(clamp(schema, firstNumber(userText, 1)).longValue());
			case "number" -> NODES.numberNode(clamp(schema, firstNumber(userText, 1)).doubleValue());
			case "boolean" -> NODES.booleanNode(true);
			case "null" -> NODES.nullNode();
			default -> NODES.stringNode(string(name, schema, userText));
		};
	}

	private JsonNode object(JsonNode schema, String userText, int depth) {
		ObjectNode object = NODES.objectNode();
		if (depth > 8) {
			return object;
		}
		JsonNode properties = schema.path("properties");
		Set<String> wanted = new LinkedHashSet<>();
		if (schema.path("required").isArray()) {
			schema.path("required").values().forEach((required) -> wanted.add(required.asString()));
		}
		else {
			properties.propertyNames().forEach(wanted::add);
		}
		for (String property : wanted) {
			JsonNode propertySchema = properties.path(property);
			object.set(property, value(property, propertySchema.isObject() ? propertySchema : NODES.objectNode(),
					userText, depth + 1));
		}
		return object;
	}

	private JsonNode array(String name, JsonNode schema, String userText, int depth) {
		ArrayNode array = NODES.arrayNode();
		int count = Math.max(1, schema.path("minItems").asInt(1));
		JsonNode items = schema.path("items");
		for (int i = 0; i < count; i++) {
			array.add(value(singular(name), items.isObject() ? items : NODES.objectNode(), userText, depth + 1));
		}
		return array;
	}

	private JsonNode enumValue(String name, JsonNode values) {
		String chosen = this.enumChoices.get(name);
		if (chosen != null) {
			for (JsonNode value : values.values()) {
				if (value.asString("").equals(chosen)) {
					return value;
				}
			}
		}
		return values.get(0);
	}

	private static String string(String name, JsonNode schema, String userText) {
		String key = name.toLowerCase(Locale.ROOT);
		String format = schema.path("format").asString("");
		if (format.equals("date") || key.contains("date")) {
			return "2025-06-01";
		}
		if (format.equals("date-time")) {
			return "2025-06-01T12:00:00Z";
		}
		if (format.equals("email") || key.contains("email")) {
			return "jane.doe@example.com";
		}
		if (key.contains("unit")) {
			return "celsius";
		}
		if (key.startsWith("reason") || key.contains("explanation") || key.contains("rationale")
				|| key.contains("thought")) {
			return "1. I read the question and the submitted answer. 2. I compared the submission with what the "
					+ "question asks. 3. The choice below follows from that comparison.";
		}
		if (key.contains("location") || key.contains("city") || key.contains("place") || key.contains("country")
				|| key.contains("destination") || key.contains("region")) {
			return properNoun(userText);
		}
		if (key.contains("name") && !key.contains("file")) {
			return properNoun(userText);
		}
		if (key.isEmpty() || key.contains("query") || key.equals("q") || key.contains("question")
				|| key.contains("text") || key.contains("input") || key.contains("prompt") || key.contains("message")
				|| key.contains("content") || key.contains("search") || key.contains("topic")) {
			return userText.strip();
		}
		String noun = properNoun(userText);
		return noun.isEmpty() ? userText.strip() : noun;
	}

	/** The proper nouns of the text ("Paris", "New York"), or its last word. */
	static String properNoun(String text) {
		List<String> nouns = new ArrayList<>();
		Matcher matcher = PROPER_NOUNS.matcher(text);
		while (matcher.find()) {
			String noun = matcher.group(1);
			String first = noun.split("[ ,-]")[0];
			if (NOT_NAMES.contains(first)) {
				noun = noun.substring(first.length()).replaceFirst("^[ ,-]+", "").strip();
			}
			if (!noun.isEmpty()) {
				nouns.add(noun);
			}
		}
		if (!nouns.isEmpty()) {
			return String.join(" and ", nouns);
		}
		String[] words = text.replaceAll("[^\\p{L}\\p{Nd} ]", " ").strip().split("\\s+");
		return (words.length > 0) ? words[words.length - 1] : "";
	}

	private static Number firstNumber(String text, Number fallback) {
		Matcher matcher = NUMBER.matcher(text);
		if (matcher.find()) {
			String number = matcher.group();
			return number.contains(".") ? Double.parseDouble(number) : Long.parseLong(number);
		}
		return fallback;
	}

	private static Number clamp(JsonNode schema, Number value) {
		double number = value.doubleValue();
		if (schema.path("minimum").isNumber()) {
			number = Math.max(number, schema.path("minimum").asDouble());
		}
		if (schema.path("maximum").isNumber()) {
			number = Math.min(number, schema.path("maximum").asDouble());
		}
		return (number == Math.rint(number)) ? (Number) (long) number : (Number) number;
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isString()) {
			return type.asString();
		}
		if (type.isArray()) {
			for (JsonNode candidate : type.values()) {
				if (!candidate.asString("").equals("null")) {
					return candidate.asString();
				}
			}
		}
		return schema.has("properties") ? "object" : "string";
	}

	private static JsonNode firstNonNull(JsonNode alternatives) {
		for (JsonNode alternative : alternatives.values()) {
			if (!alternative.path("type").asString("").equals("null")) {
				return alternative;
			}
		}
		return alternatives.get(0);
	}

	private static String singular(String name) {
		return (name.endsWith("s") && name.length() > 1) ? name.substring(0, name.length() - 1) : name;
	}

}

package dev.braintrust.spring.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the variables a caller passes into plain JSON-like Java values (maps, lists,
 * strings, numbers, booleans, null), so records, beans and Jackson trees can be used in
 * templates with dotted names, and rendered as JSON.
 *
 * @author Braintrust
 */
final class PromptVariables {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PromptVariables() {
	}

	static Map<String, @Nullable Object> normalize(Map<String, ?> variables) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		variables.forEach((name, value) -> result.put(name, normalizeValue(name, value)));
		return result;
	}

	static @Nullable Object normalizeValue(String name, @Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
			return value;
		}
		if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
			return value.toString();
		}
		try {
			return JSON.convertValue(value, Object.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Prompt variable '" + name + "' of type " + value.getClass().getName()
					+ " cannot be turned into JSON: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The rendering context, as Braintrust's TypeScript SDK builds it: every variable,
	 * and all of them again under {@code input} unless a variable has that name.
	 */
	static Map<String, Object> context(Map<String, @Nullable Object> variables) {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("input", Collections.unmodifiableMap(variables));
		context.putAll(variables);
		return context;
	}

}

package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds cases from JSON objects shaped like Braintrust rows: {@code input},
 * {@code expected}, {@code metadata}, {@code tags}, {@code id}.
 *
 * @author Braintrust
 */
final class JsonCases {

	private JsonCases() {
	}

	static <I, O> EvalCase.Builder<I, O> toCase(EvalDataContext context, JsonNode input, @Nullable JsonNode expected,
			@Nullable JsonNode metadata, @Nullable JsonNode tags, Class<I> inputType, Class<O> expectedType,
			String where) {
		I convertedInput = convert(context, input, inputType, "input", where);
		EvalCase.Builder<I, O> builder = EvalCase.builder(convertedInput);
		if (expected != null && !expected.isNull() && !expected.isMissingNode()) {
			builder.expected(convert(context, expected, expectedType, "expected", where));
		}
		builder.metadata(metadata(context, metadata));
		builder.tags(tags(tags, where));
		return builder;
	}

	static Map<String, @Nullable Object> metadata(EvalDataContext context, @Nullable JsonNode metadata) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		if (metadata instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				map.put(entry.getKey(), context.convert(entry.getValue(), Object.class));
			}
		}
		return map;
	}

	private static List<String> tags(@Nullable JsonNode tags, String where) {
		List<String> list = new ArrayList<>();
		if (tags == null || tags.isNull() || tags.isMissingNode()) {
			return list;
		}
		if (!tags.isArray()) {
			throw new IllegalArgumentException("The tags of " + where + " must be an array of strings");
		}
		for (JsonNode tag : tags.values()) {
			if (!tag.isString()) {
				throw new IllegalArgumentException("The tags of " + where + " must be strings, found " + tag);
			}
			if (!list.contains(tag.stringValue())) {
				list.add(tag.stringValue());
			}
		}
		return list;
	}

	@SuppressWarnings("unchecked")
	private static <T> T convert(EvalDataContext context, JsonNode value, Class<T> type, String field, String where) {
		try {
			return (T) context.convert(value, type);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"The " + field + " of " + where + " cannot be read as " + type.getName() + ": " + ex.getMessage(),
					ex);
		}
	}

}

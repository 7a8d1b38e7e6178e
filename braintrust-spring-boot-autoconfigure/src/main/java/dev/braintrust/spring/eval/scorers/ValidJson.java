package dev.braintrust.spring.eval.scorers;

import java.util.Map;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.ClassUtils;

/**
 * Whether the output is valid JSON: autoevals' {@code ValidJSON}. A string is parsed as
 * JSON; any other value is taken as already parsed. Without a schema the score is 1 only
 * for an object or an array (so {@code "100"}, {@code 100} and {@code "1"} score 0); with
 * a schema it is 1 when the value validates against it. Parse and validation errors score
 * 0. The expected value is ignored.
 * <p>
 * Schema validation needs {@code com.networknt:json-schema-validator} on the classpath.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ValidJson implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "ValidJSON";

	private final @Nullable String schemaText;

	private final @Nullable JsonSchemaCheck schema;

	/**
	 * Create the scorer, without a schema.
	 */
	public ValidJson() {
		this(null, null);
	}

	private ValidJson(@Nullable String schemaText, @Nullable JsonSchemaCheck schema) {
		this.schemaText = schemaText;
		this.schema = schema;
	}

	/**
	 * A copy that validates against a JSON Schema.
	 * @param jsonSchema the schema as JSON text
	 * @return a new scorer
	 * @throws IllegalArgumentException when the text is not a valid JSON Schema
	 * @throws IllegalStateException when the JSON Schema library is missing
	 */
	public ValidJson withSchema(String jsonSchema) {
		Object parsed;
		try {
			parsed = PyValues.loads(jsonSchema);
		}
		catch (PyValues.JsonDecodeException ex) {
			throw new IllegalArgumentException("The JSON Schema is not valid JSON: " + ex.getMessage(), ex);
		}
		return withCanonicalSchema(parsed);
	}

	/**
	 * A copy that validates against a JSON Schema given as a map.
	 * @param jsonSchema the schema
	 * @return a new scorer
	 * @throws IllegalArgumentException when the map is not a valid JSON Schema
	 * @throws IllegalStateException when the JSON Schema library is missing
	 */
	public ValidJson withSchema(Map<String, ?> jsonSchema) {
		return withCanonicalSchema(PyValues.canonical(jsonSchema));
	}

	/**
	 * A copy that validates against a JSON Schema given as a Jackson node.
	 * @param jsonSchema the schema
	 * @return a new scorer
	 * @throws IllegalArgumentException when the node is not a valid JSON Schema
	 * @throws IllegalStateException when the JSON Schema library is missing
	 */
	public ValidJson withSchema(JsonNode jsonSchema) {
		return withCanonicalSchema(PyValues.canonical(jsonSchema));
	}

	private ValidJson withCanonicalSchema(@Nullable Object schema) {
		if (!ClassUtils.isPresent("com.networknt.schema.SchemaRegistry", ValidJson.class.getClassLoader())) {
			throw new IllegalStateException("ValidJSON with a schema needs the JSON Schema validator: add "
					+ "com.networknt:json-schema-validator (3.x) to the classpath");
		}
		return new ValidJson(PyValues.dumps(schema), JsonSchemaCheck.compile(PyValues.toNode(schema)));
	}

	/**
	 * Score an output.
	 * @param output the output
	 * @param expected ignored
	 * @return 1 when valid, else 0
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		Object parsed;
		if (output instanceof String || output instanceof CharSequence) {
			try {
				parsed = PyValues.loads(output.toString());
			}
			catch (PyValues.JsonDecodeException ex) {
				return 0;
			}
		}
		else {
			parsed = PyValues.canonical(output);
		}
		if (this.schema != null) {
			return this.schema.isValid(PyValues.toNode(parsed)) ? 1 : 0;
		}
		return (PyValues.isDict(parsed) || PyValues.isList(parsed)) ? 1 : 0;
	}

	@Override
	public Score score(ScorerArgs args) {
		return Score.of(NAME, score(args.output(), null));
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The parsed value when a text holds a JSON object or array (what JSONDiff parses),
	 * else null.
	 */
	static @Nullable Object parseStructured(String text) {
		try {
			Object parsed = PyValues.loads(text);
			return (PyValues.isDict(parsed) || PyValues.isList(parsed)) ? parsed : null;
		}
		catch (PyValues.JsonDecodeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return (this.schemaText != null) ? NAME + "[schema=" + this.schemaText + "]" : NAME;
	}

}

package dev.braintrust.spring.eval.scorers;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A compiled JSON Schema (networknt json-schema-validator). Like Python's
 * {@code jsonschema.validate}: the latest draft (2020-12) unless the schema names its own
 * {@code $schema}, formats not asserted, the schema itself checked against its
 * meta-schema.
 *
 * @author Braintrust
 */
final class JsonSchemaCheck {

	private static final String DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build()));

	private final Schema schema;

	private JsonSchemaCheck(Schema schema) {
		this.schema = schema;
	}

	/**
	 * Compile a schema.
	 * @param schemaNode the schema
	 * @return the compiled schema
	 * @throws IllegalArgumentException when the schema is not a valid JSON Schema
	 */
	static JsonSchemaCheck compile(JsonNode schemaNode) {
		if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
			throw new IllegalArgumentException("A JSON Schema must be an object or a boolean, not " + schemaNode);
		}
		try {
			String dialect = (schemaNode.get("$schema") != null && schemaNode.get("$schema").isString())
					? schemaNode.get("$schema").stringValue() : DEFAULT_DIALECT;
			List<Error> problems = metaSchema(dialect).validate(schemaNode);
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException("Invalid JSON Schema: " + problems.get(0).getMessage());
			}
			return new JsonSchemaCheck(REGISTRY.getSchema(schemaNode));
		}
		catch (SchemaException ex) {
			throw new IllegalArgumentException("Invalid JSON Schema: " + ex.getMessage(), ex);
		}
	}

	private static Schema metaSchema(String dialect) {
		return REGISTRY.getSchema(SchemaLocation.of(dialect));
	}

	/**
	 * Whether a value validates.
	 * @param instance the value
	 * @return true when valid
	 */
	boolean isValid(@Nullable JsonNode instance) {
		return this.schema.validate(instance).isEmpty();
	}

}

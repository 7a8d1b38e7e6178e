package dev.braintrust.spring.eval.dataset;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record of a dataset as read back.
 *
 * @param id the record id
 * @param input the input
 * @param expected the expected output
 * @param metadata the metadata (an empty object when none)
 * @param tags the tags
 * @param xactId the transaction id of the record's last change: the dataset version it
 * first appears in, in its current form
 * @param created when the record was created
 * @author Braintrust
 * @since 0.1.0
 */
public record DatasetRecord(String id, JsonNode input, JsonNode expected, ObjectNode metadata, List<String> tags,
		@Nullable String xactId, @Nullable String created) {

	/**
	 * Read a record from a dataset row.
	 * @param row the merged row
	 * @return the record
	 */
	public static DatasetRecord fromRow(JsonNode row) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		JsonNode input = row.has("input") ? row.get("input") : nodes.nullNode();
		JsonNode expected = row.has("expected") ? row.get("expected")
				: (row.has("output") ? row.get("output") : nodes.nullNode());
		ObjectNode metadata = (row.get("metadata") instanceof ObjectNode object) ? object : nodes.objectNode();
		List<String> tags = row.path("tags").isArray()
				? row.path("tags").valueStream().map((tag) -> tag.asString()).toList() : List.of();
		return new DatasetRecord(row.path("id").asString(""), input, expected, metadata, tags,
				row.path("_xact_id").asString(null), row.path("created").asString(null));
	}

}

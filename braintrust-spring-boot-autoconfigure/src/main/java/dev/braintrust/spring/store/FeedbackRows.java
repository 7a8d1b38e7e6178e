package dev.braintrust.spring.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a feedback item into the rows the official SDKs write for it, so that the store's
 * merged view shows the feedback: a merge row with the scores, expected value and tags,
 * and a separate comment row pointing at the row it is about.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class FeedbackRows {

	private FeedbackRows() {
	}

	static List<ObjectNode> toStoredRows(JsonNode item) {
		List<ObjectNode> rows = new ArrayList<>(2);
		String id = item.path("id").asString();
		JsonNode source = item.path("source");
		JsonNode metadata = item.get("metadata");
		if (item.has("scores") || item.has("expected") || item.has("tags")) {
			ObjectNode merge = JsonNodeFactory.instance.objectNode();
			merge.put("id", id);
			copy(item, merge, "scores");
			copy(item, merge, "expected");
			copy(item, merge, "tags");
			merge.set("_audit_source", source);
			if (metadata != null) {
				merge.set("_audit_metadata", metadata);
			}
			merge.put("_is_merge", true);
			rows.add(merge);
		}
		if (item.hasNonNull("comment")) {
			ObjectNode comment = JsonNodeFactory.instance.objectNode();
			comment.put("id", UUID.randomUUID().toString());
			comment.put("created", Instant.now().toString());
			comment.putObject("origin").put("id", id);
			comment.putObject("comment").set("text", item.get("comment"));
			comment.set("_audit_source", source);
			if (metadata != null) {
				comment.set("_audit_metadata", metadata);
			}
			rows.add(comment);
		}
		return rows;
	}

	private static void copy(JsonNode from, ObjectNode to, String field) {
		if (from.has(field)) {
			to.set(field, from.get(field));
		}
	}

}

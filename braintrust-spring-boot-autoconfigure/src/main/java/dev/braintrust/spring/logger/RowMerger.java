package dev.braintrust.spring.logger;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Braintrust's row merge rules, used twice: client-side, to collapse the rows of one
 * batch that share an id before they leave the process (the official SDKs'
 * {@code merge_row_batch}), and when reading the local store, to rebuild each row as
 * Braintrust would store it.
 * <ul>
 * <li>A row without {@code _is_merge: true} replaces the row with the same id.</li>
 * <li>A row with {@code _is_merge: true} is deep-merged: objects merge recursively,
 * scalars and arrays are replaced, top-level {@code tags} are a set union, and
 * {@code created}, {@code span_id}, {@code root_span_id} and {@code span_parents} keep
 * the earlier values.</li>
 * <li>A merge into a replacement row stays a replacement.</li>
 * </ul>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RowMerger {

	/** The flag that marks a merge row. */
	public static final String IS_MERGE = "_is_merge";

	private static final Set<String> KEEP_EARLIER = Set.of("created", "span_id", "root_span_id", "span_parents",
			"_parent_id");

	private RowMerger() {
	}

	/**
	 * Collapse the rows of a batch that share an object and an id, keeping the order in
	 * which each id first appeared. Feedback items are never merged.
	 * @param rows the rows in the order they were logged
	 * @return one row per object and id
	 */
	public static List<PendingRow> mergeBatch(List<PendingRow> rows) {
		Map<Object, PendingRow> merged = new LinkedHashMap<>();
		int feedback = 0;
		for (PendingRow row : rows) {
			if (row.kind() == RowKind.FEEDBACK) {
				merged.put(feedback++, row);
				continue;
			}
			Key key = new Key(row.target(), row.id());
			PendingRow earlier = merged.get(key);
			if (earlier == null) {
				merged.put(key, row);
			}
			else {
				merged.put(key, new PendingRow(row.target(), row.kind(), merge(earlier.row(), row.row())));
			}
		}
		return new ArrayList<>(merged.values());
	}

	/**
	 * Apply a later row to an earlier row with the same id.
	 * @param earlier the earlier row, which may be changed in place
	 * @param later the later row
	 * @return the resulting row
	 */
	public static ObjectNode merge(ObjectNode earlier, ObjectNode later) {
		if (!isMerge(later)) {
			return later;
		}
		boolean earlierWasMerge = isMerge(earlier);
		for (Map.Entry<String, JsonNode> entry : later.properties()) {
			String name = entry.getKey();
			if (name.equals(IS_MERGE) || (KEEP_EARLIER.contains(name) && earlier.has(name))) {
				continue;
			}
			if (name.equals("tags")) {
				earlier.set(name, unionTags(earlier.get(name), entry.getValue()));
				continue;
			}
			mergeField(earlier, name, entry.getValue());
		}
		if (earlierWasMerge) {
			earlier.put(IS_MERGE, true);
		}
		else {
			earlier.remove(IS_MERGE);
		}
		return earlier;
	}

	/**
	 * Rebuild stored rows from a row log, as Braintrust's server does: merges applied,
	 * replacements replacing, {@code _object_delete} deleting. Internal merge fields are
	 * removed from the result.
	 * @param log the rows in the order they were written
	 * @return the resulting rows, in the order each id first appeared
	 */
	public static List<ObjectNode> replay(Iterable<ObjectNode> log) {
		Map<String, ObjectNode> rows = new LinkedHashMap<>();
		for (ObjectNode row : log) {
			String id = row.path("id").asString("");
			if (row.path("_object_delete").asBoolean(false)) {
				rows.remove(id);
				continue;
			}
			ObjectNode earlier = rows.get(id);
			if (earlier == null || !isMerge(row)) {
				ObjectNode copy = row.deepCopy();
				copy.remove(IS_MERGE);
				rows.put(id, copy);
			}
			else {
				ObjectNode merged = merge(earlier, row);
				merged.remove(IS_MERGE);
				rows.put(id, merged);
			}
		}
		return new ArrayList<>(rows.values());
	}

	private static boolean isMerge(ObjectNode row) {
		return row.path(IS_MERGE).asBoolean(false);
	}

	private static void mergeField(ObjectNode target, String name, JsonNode value) {
		JsonNode existing = target.get(name);
		if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
			deepMerge(existingObject, valueObject);
		}
		else {
			target.set(name, value.deepCopy());
		}
	}

	private static void deepMerge(ObjectNode target, ObjectNode source) {
		for (Map.Entry<String, JsonNode> entry : source.properties()) {
			mergeField(target, entry.getKey(), entry.getValue());
		}
	}

	private static JsonNode unionTags(JsonNode earlier, JsonNode later) {
		if (!(earlier instanceof ArrayNode) || !(later instanceof ArrayNode)) {
			return later.deepCopy();
		}
		Set<String> tags = new LinkedHashSet<>();
		for (Iterator<JsonNode> it = earlier.values().iterator(); it.hasNext();) {
			tags.add(it.next().asString());
		}
		for (JsonNode tag : later.values()) {
			tags.add(tag.asString());
		}
		ArrayNode union = JsonNodeFactory.instance.arrayNode();
		tags.forEach(union::add);
		return union;
	}

	private record Key(ObjectRef target, String id) {
	}

}

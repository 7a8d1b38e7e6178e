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
 * the earlier values. The paths listed in its {@code _merge_paths} (such as
 * {@code [["tags"], ["input", "a"]]}) are replaced whole instead of merged.</li>
 * <li>A merge into a replacement row stays a replacement.</li>
 * </ul>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RowMerger {

	/** The flag that marks a merge row. */
	public static final String IS_MERGE = "_is_merge";

	/** The paths a merge row replaces whole rather than merges into. */
	public static final String MERGE_PATHS = "_merge_paths";

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
		Set<List<String>> replaced = mergePaths(later);
		for (Map.Entry<String, JsonNode> entry : later.properties()) {
			String name = entry.getKey();
			if (name.equals(IS_MERGE) || name.equals(MERGE_PATHS)
					|| (KEEP_EARLIER.contains(name) && earlier.has(name))) {
				continue;
			}
			if (name.equals("tags") && !replaced.contains(List.of("tags"))) {
				earlier.set(name, unionTags(earlier.get(name), entry.getValue()));
				continue;
			}
			mergeField(earlier, List.of(), name, entry.getValue(), replaced);
		}
		if (earlierWasMerge) {
			earlier.put(IS_MERGE, true);
			// the server applies the combined row as it would have applied both
			Set<List<String>> combined = new LinkedHashSet<>(mergePaths(earlier));
			combined.addAll(replaced);
			if (!combined.isEmpty()) {
				ArrayNode paths = JsonNodeFactory.instance.arrayNode();
				combined.forEach((path) -> {
					ArrayNode segments = paths.addArray();
					path.forEach(segments::add);
				});
				earlier.set(MERGE_PATHS, paths);
			}
		}
		else {
			earlier.remove(IS_MERGE);
			earlier.remove(MERGE_PATHS);
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
		return replay(log, true);
	}

	/**
	 * As {@link #replay(Iterable)}, for rows that nothing else holds, such as rows just
	 * read from a file: they are merged in place instead of copied first.
	 * @param log the rows in the order they were written; they may be modified
	 * @return the resulting rows, in the order each id first appeared
	 */
	public static List<ObjectNode> replayOwned(Iterable<ObjectNode> log) {
		return replay(log, false);
	}

	private static List<ObjectNode> replay(Iterable<ObjectNode> log, boolean copy) {
		Map<String, ObjectNode> rows = new LinkedHashMap<>();
		for (ObjectNode row : log) {
			String id = row.path("id").asString("");
			if (row.path("_object_delete").asBoolean(false)) {
				rows.remove(id);
				continue;
			}
			ObjectNode earlier = rows.get(id);
			if (earlier == null || !isMerge(row)) {
				ObjectNode first = copy ? row.deepCopy() : row;
				first.remove(IS_MERGE);
				first.remove(MERGE_PATHS);
				rows.put(id, first);
			}
			else {
				ObjectNode merged = merge(earlier, row);
				merged.remove(IS_MERGE);
				merged.remove(MERGE_PATHS);
				rows.put(id, merged);
			}
		}
		return new ArrayList<>(rows.values());
	}

	private static boolean isMerge(ObjectNode row) {
		return row.path(IS_MERGE).asBoolean(false);
	}

	private static void mergeField(ObjectNode target, List<String> parent, String name, JsonNode value,
			Set<List<String>> replaced) {
		List<String> path = new ArrayList<>(parent);
		path.add(name);
		JsonNode existing = target.get(name);
		if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject
				&& !replaced.contains(path)) {
			for (Map.Entry<String, JsonNode> entry : valueObject.properties()) {
				mergeField(existingObject, path, entry.getKey(), entry.getValue(), replaced);
			}
		}
		else {
			target.set(name, value.deepCopy());
		}
	}

	/**
	 * The paths of a row's {@code _merge_paths}, each a list of field names.
	 */
	private static Set<List<String>> mergePaths(ObjectNode row) {
		JsonNode paths = row.get(MERGE_PATHS);
		if (!(paths instanceof ArrayNode array) || array.isEmpty()) {
			return Set.of();
		}
		Set<List<String>> result = new LinkedHashSet<>();
		for (JsonNode path : array) {
			if (path instanceof ArrayNode segments) {
				List<String> names = new ArrayList<>();
				segments.forEach((segment) -> names.add(segment.asString()));
				result.add(List.copyOf(names));
			}
		}
		return result;
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

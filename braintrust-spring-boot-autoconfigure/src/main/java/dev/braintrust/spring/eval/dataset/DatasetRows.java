package dev.braintrust.spring.eval.dataset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.logger.ValueCapture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows a dataset's writes produce, as the SDKs send them (braintrust-api.md §7.1): an
 * insert is a replacement row, an update a merge row, a delete an {@code _object_delete}
 * row.
 *
 * @author Braintrust
 */
final class DatasetRows {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DatasetRows() {
	}

	/**
	 * The object a dataset's rows go to, with the fields used to create it.
	 * @param capture the value capture
	 * @param options the dataset options
	 * @param defaultProject the project when the options name none
	 * @return the reference
	 */
	static ObjectRef ref(ValueCapture capture, DatasetOptions options, String defaultProject) {
		String project = (options.project() != null && !options.project().isBlank()) ? options.project()
				: defaultProject;
		ObjectNode createOptions = NODES.objectNode();
		if (options.description() != null) {
			createOptions.put("description", options.description());
		}
		if (!options.metadata().isEmpty()) {
			createOptions.set("metadata", capture.capture(options.metadata()));
		}
		return ObjectRef.dataset(project, options.projectId(), options.name(), createOptions);
	}

	/**
	 * The row of an insert: replaces any record with the same id.
	 * @param capture the value capture
	 * @param row the record
	 * @return the row, with its id
	 */
	static ObjectNode insert(ValueCapture capture, DatasetRow row) {
		ObjectNode event = NODES.objectNode();
		event.put("id", (row.id() != null) ? row.id() : UUID.randomUUID().toString());
		event.set("input", capture.capture(row.input()));
		event.set("expected", capture.capture(row.expected()));
		event.set("tags", tags(row.tags()));
		if (row.metadata() != null) {
			event.set("metadata", capture.capture(row.metadata()));
		}
		event.put("created", Instant.now().toString());
		return event;
	}

	/**
	 * The merge row of an update: metadata is merged, input, expected and tags are
	 * replaced whole ({@code _merge_paths}).
	 * @param capture the value capture
	 * @param id the record id
	 * @param changes the fields to change
	 * @return the merge row
	 */
	static ObjectNode update(ValueCapture capture, String id, DatasetRow changes) {
		ObjectNode merge = NODES.objectNode();
		merge.put("id", id);
		ArrayNode replaced = NODES.arrayNode();
		if (changes.hasInput()) {
			merge.set("input", capture.capture(changes.input()));
			replaced.addArray().add("input");
		}
		if (changes.hasExpected()) {
			merge.set("expected", capture.capture(changes.expected()));
			replaced.addArray().add("expected");
		}
		if (changes.metadata() != null) {
			merge.set("metadata", capture.capture(changes.metadata()));
		}
		if (changes.tags() != null) {
			merge.set("tags", tags(changes.tags()));
			replaced.addArray().add("tags");
		}
		if (!replaced.isEmpty()) {
			merge.set(RowMerger.MERGE_PATHS, replaced);
		}
		merge.put(RowMerger.IS_MERGE, true);
		return merge;
	}

	/**
	 * The row of a delete.
	 * @param id the record id
	 * @return the row
	 */
	static ObjectNode delete(String id) {
		ObjectNode event = NODES.objectNode();
		event.put("id", id);
		event.put("created", Instant.now().toString());
		event.put("_object_delete", true);
		return event;
	}

	private static JsonNode tags(@Nullable List<String> tags) {
		if (tags == null) {
			return NODES.nullNode();
		}
		ArrayNode array = NODES.arrayNode();
		tags.forEach(array::add);
		return array;
	}

}

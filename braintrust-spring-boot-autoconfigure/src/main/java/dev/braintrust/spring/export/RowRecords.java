package dev.braintrust.spring.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A row with everything needed to send it later, possibly after a restart: its object (as
 * the {@link ObjectRef} parts, plus the Braintrust ids when already known, so a spooled
 * experiment is not created twice), its kind, its id and the row itself. One record is
 * one line of JSON in the spool and an element of a failed-payload file.
 *
 * @author Braintrust
 */
final class RowRecords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RowRecords() {
	}

	/**
	 * Encode a row as one line of JSON (without the line break).
	 * @param row the row
	 * @param ids the object's ids when known, or null
	 * @return the record
	 */
	static byte[] encode(LogRow row, @Nullable RemoteIds ids) {
		ObjectNode header = JSON.createObjectNode();
		ObjectRef target = row.target();
		ObjectNode object = header.putObject("target");
		object.put("type", target.type().wireName());
		object.put("project", target.projectName());
		object.put("project_id", target.projectId());
		object.put("name", target.name());
		object.put("key", target.key());
		object.put("object_id", target.objectId());
		ObjectNode options = target.createOptions();
		if (!options.isEmpty()) {
			object.set("options", options);
		}
		if (ids != null) {
			header.putObject("ids").put("project_id", ids.projectId()).put("object_id", ids.objectId());
		}
		header.put("kind", row.kind().name().toLowerCase(Locale.ROOT));
		header.put("id", row.id());
		byte[] start = JSON.writeValueAsBytes(header);
		ByteArrayOutputStream out = new ByteArrayOutputStream(start.length + row.json().length + 8);
		// reopen the header object to append the row without parsing it again
		out.write(start, 0, start.length - 1);
		out.writeBytes(",\"row\":".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(row.json());
		out.write('}');
		return out.toByteArray();
	}

	/**
	 * Decode a record.
	 * @param line the record
	 * @return the row and the ids it carried
	 * @throws RuntimeException when the line is not a record
	 */
	static Decoded decode(byte[] line) {
		JsonNode record = JSON.readTree(line);
		JsonNode object = record.required("target");
		ObjectType type = typeOf(object.required("type").asString());
		ObjectNode options = (object.get("options") instanceof ObjectNode node) ? node : null;
		ObjectRef target = ObjectRef.of(type, object.required("project").asString(), text(object, "project_id"),
				object.required("name").asString(), object.required("key").asString(), options,
				text(object, "object_id"));
		RowKind kind = RowKind.valueOf(record.required("kind").asString().toUpperCase(Locale.ROOT));
		byte[] json = JSON.writeValueAsBytes(record.required("row"));
		RemoteIds ids = null;
		JsonNode known = record.get("ids");
		if (known != null && text(known, "object_id") != null) {
			ids = new RemoteIds(text(known, "project_id"), text(known, "object_id"));
		}
		return new Decoded(new LogRow(target, kind, record.required("id").asString(), json), ids);
	}

	private static ObjectType typeOf(String wireName) {
		for (ObjectType type : ObjectType.values()) {
			if (type.wireName().equals(wireName)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown object type '" + wireName + "'");
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * A decoded record.
	 *
	 * @param row the row
	 * @param ids the object's ids when they were known, or null
	 */
	record Decoded(LogRow row, @Nullable RemoteIds ids) {

	}

}

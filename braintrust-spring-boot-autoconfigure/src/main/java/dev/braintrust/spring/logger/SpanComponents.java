package dev.braintrust.spring.logger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exported form of a span or object, Braintrust's "SpanComponents": version 4 is
 * written (hex span ids, packed in 8 and 16 bytes); versions 3 and 4 are read, so spans
 * exported by the Python and TypeScript SDKs can be continued here.
 *
 * @param objectType the object the span belongs to
 * @param objectId the object's id, or null when only the project name is known
 * @param projectName the project name from {@code compute_object_metadata_args}, or null
 * @param rowId the span's row id, or null for an object-only export
 * @param spanId the span id, or null
 * @param rootSpanId the trace id, or null
 * @param propagatedEvent fields descendants inherit, or null
 * @author Braintrust
 * @since 0.1.0
 */
public record SpanComponents(ObjectType objectType, @Nullable String objectId, @Nullable String projectName,
		@Nullable String rowId, @Nullable String spanId, @Nullable String rootSpanId,
		@Nullable ObjectNode propagatedEvent) {

	private static final int OBJECT_ID = 1;

	private static final int ROW_ID = 2;

	private static final int SPAN_ID = 3;

	private static final int ROOT_SPAN_ID = 4;

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * Encode in version 4.
	 * @return standard Base64 (with padding)
	 */
	public String export() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(4);
		out.write(typeCode(this.objectType));
		ObjectNode tail = JsonNodeFactory.instance.objectNode();
		ByteArrayOutputStream fields = new ByteArrayOutputStream();
		int count = 0;
		if (this.spanId != null && SpanIds.isValidSpanId(this.spanId)) {
			fields.write(SPAN_ID);
			fields.writeBytes(HEX.parseHex(this.spanId));
			count++;
		}
		else if (this.spanId != null) {
			tail.put("span_id", this.spanId);
		}
		if (this.rootSpanId != null && SpanIds.isValidTraceId(this.rootSpanId)) {
			fields.write(ROOT_SPAN_ID);
			fields.writeBytes(HEX.parseHex(this.rootSpanId));
			count++;
		}
		else if (this.rootSpanId != null) {
			tail.put("root_span_id", this.rootSpanId);
		}
		out.write(count);
		out.writeBytes(fields.toByteArray());
		if (this.objectId != null) {
			tail.put("object_id", this.objectId);
		}
		else {
			ObjectNode args = tail.putObject("compute_object_metadata_args");
			args.put("project_name", this.projectName);
			args.putNull("project_id");
		}
		if (this.rowId != null) {
			tail.put("row_id", this.rowId);
		}
		if (this.propagatedEvent != null) {
			tail.set("propagated_event", this.propagatedEvent);
		}
		out.writeBytes(RowEncoder.JSON.writeValueAsBytes(tail));
		return Base64.getEncoder().encodeToString(out.toByteArray());
	}

	/**
	 * The object the components point at.
	 * @return the object reference
	 */
	public ObjectRef toObjectRef() {
		return switch (this.objectType) {
			case PROJECT_LOGS -> ObjectRef.projectLogs(this.projectName, this.objectId);
			case EXPERIMENT -> ObjectRef.experiment((this.projectName != null) ? this.projectName : "unknown", null,
					requireObjectId(), requireObjectId());
			case DATASET -> ObjectRef.existingDataset((this.projectName != null) ? this.projectName : "unknown", null,
					requireObjectId(), requireObjectId());
		};
	}

	private String requireObjectId() {
		if (this.objectId == null) {
			throw new IllegalArgumentException("The exported " + this.objectType.wireName() + " has no object id");
		}
		return this.objectId;
	}

	/**
	 * Parse an exported span or object, version 3 or 4.
	 * @param exported the Base64 text
	 * @return the components
	 * @throws IllegalArgumentException when the text is not a supported export
	 */
	public static SpanComponents parse(String exported) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(exported.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Not an exported Braintrust span (invalid Base64): " + abbreviate(exported));
		}
		if (bytes.length < 3) {
			throw new IllegalArgumentException("Not an exported Braintrust span (too short): " + abbreviate(exported));
		}
		int version = bytes[0];
		if (version != 3 && version != 4) {
			throw new IllegalArgumentException(
					"Unsupported exported span version " + version + "; versions 3 and 4 " + "are supported");
		}
		ObjectType type = typeOf(bytes[1]);
		int count = bytes[2] & 0xFF;
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 3, bytes.length - 3);
		String objectId = null;
		String rowId = null;
		String spanId = null;
		String rootSpanId = null;
		for (int i = 0; i < count; i++) {
			int field = buffer.get() & 0xFF;
			int length = (version == 4 && field == SPAN_ID) ? 8 : 16;
			byte[] value = new byte[length];
			buffer.get(value);
			String text = (version == 3) ? uuid(value) : HEX.formatHex(value);
			switch (field) {
				case OBJECT_ID -> objectId = text;
				case ROW_ID -> rowId = text;
				case SPAN_ID -> spanId = text;
				case ROOT_SPAN_ID -> rootSpanId = text;
				default -> throw new IllegalArgumentException("Unknown field " + field + " in exported span");
			}
		}
		String projectName = null;
		ObjectNode propagated = null;
		if (buffer.hasRemaining()) {
			JsonNode tail = RowEncoder.JSON
				.readTree(new String(bytes, buffer.position(), buffer.remaining(), StandardCharsets.UTF_8));
			objectId = text(tail, "object_id", objectId);
			rowId = text(tail, "row_id", rowId);
			spanId = text(tail, "span_id", spanId);
			rootSpanId = text(tail, "root_span_id", rootSpanId);
			JsonNode args = tail.path("compute_object_metadata_args");
			projectName = text(args, "project_name", null);
			if (objectId == null) {
				objectId = text(args, "project_id", null);
			}
			if (tail.get("propagated_event") instanceof ObjectNode event) {
				propagated = event;
			}
		}
		if (objectId == null && projectName == null) {
			throw new IllegalArgumentException("The exported span names no object");
		}
		return new SpanComponents(type, objectId, projectName, rowId, spanId, rootSpanId, propagated);
	}

	private static @Nullable String text(JsonNode node, String field, @Nullable String fallback) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : fallback;
	}

	private static String uuid(byte[] value) {
		ByteBuffer buffer = ByteBuffer.wrap(value);
		return new UUID(buffer.getLong(), buffer.getLong()).toString();
	}

	private static int typeCode(ObjectType type) {
		return switch (type) {
			case EXPERIMENT -> 1;
			case PROJECT_LOGS -> 2;
			case DATASET -> 4;
		};
	}

	private static ObjectType typeOf(byte code) {
		return switch (code) {
			case 1 -> ObjectType.EXPERIMENT;
			case 2 -> ObjectType.PROJECT_LOGS;
			case 4 -> ObjectType.DATASET;
			default -> throw new IllegalArgumentException("Unsupported object type " + code + " in exported span");
		};
	}

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
	}

}

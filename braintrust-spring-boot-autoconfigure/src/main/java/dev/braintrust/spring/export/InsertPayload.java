package dev.braintrust.spring.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the body of {@code POST /v1/insert} ({@code {"project_logs": {<id>: {"events":
 * [...], "feedback": [...]}}, "experiment": ..., "dataset": ...}}) by concatenation, so
 * that each row's JSON, serialized once by the pipeline, is copied as is.
 *
 * @author Braintrust
 */
final class InsertPayload {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InsertPayload() {
	}

	/**
	 * The request body.
	 * @param rows the rows
	 * @param ids the resolved ids of every row's object
	 * @return the body
	 */
	static byte[] build(List<LogRow> rows, Map<?, RemoteIds> ids) {
		Map<ObjectType, Map<String, Group>> byType = new LinkedHashMap<>();
		for (LogRow row : rows) {
			RemoteIds remote = ids.get(row.target());
			if (remote == null) {
				throw new IllegalStateException("No Braintrust id for " + row.target());
			}
			Group group = byType.computeIfAbsent(row.target().type(), (type) -> new LinkedHashMap<>())
				.computeIfAbsent(remote.objectId(), (id) -> new Group());
			group.add(row);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write('{');
		boolean firstType = true;
		for (Map.Entry<ObjectType, Map<String, Group>> type : byType.entrySet()) {
			if (!firstType) {
				out.write(',');
			}
			firstType = false;
			writeString(out, type.getKey().wireName());
			out.write(':');
			out.write('{');
			boolean firstObject = true;
			for (Map.Entry<String, Group> object : type.getValue().entrySet()) {
				if (!firstObject) {
					out.write(',');
				}
				firstObject = false;
				writeString(out, object.getKey());
				out.write(':');
				object.getValue().writeTo(out);
			}
			out.write('}');
		}
		out.write('}');
		return out.toByteArray();
	}

	private static void writeString(ByteArrayOutputStream out, String value) {
		out.writeBytes(JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
	}

	/** One object's events and feedback items. */
	private static final class Group {

		private final ByteArrayOutputStream events = new ByteArrayOutputStream();

		private final ByteArrayOutputStream feedback = new ByteArrayOutputStream();

		void add(LogRow row) {
			ByteArrayOutputStream list = (row.kind() == RowKind.FEEDBACK) ? this.feedback : this.events;
			if (list.size() > 0) {
				list.write(',');
			}
			list.writeBytes(row.json());
		}

		void writeTo(ByteArrayOutputStream out) {
			out.write('{');
			boolean first = true;
			if (this.events.size() > 0) {
				out.writeBytes("\"events\":[".getBytes(StandardCharsets.US_ASCII));
				out.writeBytes(this.events.toByteArray());
				out.write(']');
				first = false;
			}
			if (this.feedback.size() > 0) {
				if (!first) {
					out.write(',');
				}
				out.writeBytes("\"feedback\":[".getBytes(StandardCharsets.US_ASCII));
				out.writeBytes(this.feedback.toByteArray());
				out.write(']');
			}
			out.write('}');
		}

	}

}

package dev.braintrust.spring.logger;

import java.nio.charset.StandardCharsets;

/**
 * One row ready for an exporter: merged, masked and serialized once.
 *
 * @param target the object the row belongs to
 * @param kind an event row or a feedback item
 * @param id the row id
 * @param json the row as compact UTF-8 JSON
 * @author Braintrust
 * @since 0.1.0
 */
public record LogRow(ObjectRef target, RowKind kind, String id, byte[] json) {

	/**
	 * The row's JSON as text.
	 * @return the JSON
	 */
	public String jsonText() {
		return new String(this.json, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "LogRow[target=" + this.target + ", kind=" + this.kind + ", id=" + this.id + ", bytes="
				+ this.json.length + "]";
	}

}

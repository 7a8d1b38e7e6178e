package dev.braintrust.spring.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowKind;
import dev.braintrust.spring.logger.RowMerger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link LogExporter} for tracing tests that keeps every row it is given, so that tests
 * can read spans back as Braintrust would store them.
 *
 * @author Braintrust
 */
public final class CapturingLogExporter implements LogExporter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<LogRow> rows = new CopyOnWriteArrayList<>();

	@Override
	public void export(List<LogRow> batch) {
		this.rows.addAll(batch);
	}

	/**
	 * Every event row, as written (first rows and merge rows).
	 * @return the rows
	 */
	public List<ObjectNode> rawRows() {
		List<ObjectNode> parsed = new ArrayList<>();
		for (LogRow row : this.rows) {
			if (row.kind() == RowKind.EVENT) {
				parsed.add((ObjectNode) JSON.readTree(row.json()));
			}
		}
		return parsed;
	}

	/**
	 * The spans, with merge rows applied.
	 * @return one row per span
	 */
	public List<ObjectNode> spans() {
		return RowMerger.replay(rawRows());
	}

	/**
	 * The spans with a name.
	 * @param name the span name
	 * @return the spans
	 */
	public List<ObjectNode> spansNamed(String name) {
		return spans().stream()
			.filter((span) -> name.equals(span.path("span_attributes").path("name").asString()))
			.toList();
	}

	/**
	 * The only span with a name.
	 * @param name the span name
	 * @return the span
	 * @throws AssertionError when there is not exactly one
	 */
	public ObjectNode span(String name) {
		List<ObjectNode> named = spansNamed(name);
		if (named.size() != 1) {
			throw new AssertionError(
					"Expected one span named '" + name + "' but found " + named.size() + " in " + spans());
		}
		return named.get(0);
	}

	/**
	 * How many rows of a span record its end.
	 * @param span the span
	 * @return the number of rows with {@code metrics.end}
	 */
	public long endRows(JsonNode span) {
		String id = span.get("id").asString();
		return rawRows().stream()
			.filter((row) -> id.equals(row.path("id").asString()) && row.path("metrics").has("end"))
			.count();
	}

	/**
	 * The object a span was written to.
	 * @param span the span
	 * @return the target of its first row
	 */
	public ObjectRef target(JsonNode span) {
		String id = span.get("id").asString();
		return this.rows.stream()
			.filter((row) -> row.id().equals(id))
			.findFirst()
			.map(LogRow::target)
			.orElseThrow(() -> new AssertionError("No row with id " + id));
	}

	/**
	 * Forget every row.
	 */
	public void clear() {
		this.rows.clear();
	}

}

package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowKind;
import dev.braintrust.spring.logger.RowMerger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link LogExporter} that keeps every exported row in memory, and reads them back
 * merged the way Braintrust stores them.
 */
public final class InMemoryLogExporter implements LogExporter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<LogRow> rows = new ArrayList<>();

	/**
	 * A synchronous logger writing to a new in-memory exporter.
	 * @param exporter the exporter
	 * @return the logger
	 */
	public static BraintrustLogger logger(InMemoryLogExporter exporter) {
		return BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("spring-ai-tests", null))
			.exporter(exporter)
			.async(false)
			.build();
	}

	@Override
	public synchronized void export(List<LogRow> batch) {
		this.rows.addAll(batch);
	}

	/**
	 * Forget every row.
	 */
	public synchronized void clear() {
		this.rows.clear();
	}

	/**
	 * The span rows, merged, in the order each span started.
	 * @return the rows
	 */
	public synchronized List<ObjectNode> spans() {
		List<ObjectNode> log = new ArrayList<>();
		for (LogRow row : this.rows) {
			if (row.kind() == RowKind.EVENT) {
				log.add((ObjectNode) JSON.readTree(row.json()));
			}
		}
		List<ObjectNode> merged = new ArrayList<>(RowMerger.replay(log));
		merged.sort(Comparator
			.comparingLong((ObjectNode row) -> row.path("span_attributes").path("exec_counter").asLong()));
		return merged;
	}

	/**
	 * The rows exported for one row id, unmerged, in export order.
	 * @param id the row id
	 * @return the rows
	 */
	public synchronized List<ObjectNode> rawRows(String id) {
		List<ObjectNode> result = new ArrayList<>();
		for (LogRow row : this.rows) {
			if (row.kind() == RowKind.EVENT && row.id().equals(id)) {
				result.add((ObjectNode) JSON.readTree(row.json()));
			}
		}
		return result;
	}

	/**
	 * The spans of a type, in the order they started.
	 * @param type e.g. {@code llm}
	 * @return the rows
	 */
	public List<ObjectNode> spans(String type) {
		return spans().stream()
			.filter((row) -> type.equals(row.path("span_attributes").path("type").asString("")))
			.toList();
	}

	/**
	 * The first span with a name.
	 * @param name the span name
	 * @return the row
	 */
	public Optional<ObjectNode> span(String name) {
		return spans().stream()
			.filter((row) -> name.equals(row.path("span_attributes").path("name").asString("")))
			.findFirst();
	}

	/**
	 * The descendants of a span, in the order they started.
	 * @param root the span row
	 * @return the rows under it
	 */
	public List<ObjectNode> childrenOf(JsonNode root) {
		String spanId = root.path("span_id").asString();
		return spans().stream()
			.filter((row) -> row.path("span_parents").isArray() && row.path("span_parents").size() > 0
					&& row.path("span_parents").get(0).asString("").equals(spanId))
			.toList();
	}

}

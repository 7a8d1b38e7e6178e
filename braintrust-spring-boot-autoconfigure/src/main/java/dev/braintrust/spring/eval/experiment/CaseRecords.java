package dev.braintrust.spring.eval.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the cases of an experiment from its merged rows: one {@link CaseRecord} per
 * trace, taken from the root span (input, error, duration), every span's scores, and the
 * LLM spans' calls and tokens.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class CaseRecords {

	private CaseRecords() {
	}

	/**
	 * The cases of an experiment.
	 * @param mergedRows the experiment's rows, merged (as the local store or Braintrust's
	 * fetch API return them)
	 * @return one record per trace, in the order the root spans appear
	 */
	public static List<CaseRecord> fromRows(List<ObjectNode> mergedRows) {
		Map<String, List<ObjectNode>> traces = new LinkedHashMap<>();
		Map<String, ObjectNode> roots = new LinkedHashMap<>();
		for (ObjectNode row : mergedRows) {
			String rootSpanId = row.path("root_span_id").asString(null);
			if (rootSpanId == null || !row.has("span_id")) {
				continue;
			}
			traces.computeIfAbsent(rootSpanId, (key) -> new ArrayList<>()).add(row);
			if (isRoot(row)) {
				roots.putIfAbsent(rootSpanId, row);
			}
		}
		List<CaseRecord> records = new ArrayList<>(roots.size());
		roots.forEach((rootSpanId, root) -> records.add(toRecord(root, traces.get(rootSpanId))));
		return records;
	}

	/**
	 * The root rows of an experiment: one per case.
	 * @param mergedRows the experiment's merged rows
	 * @return the root rows, in order
	 */
	public static List<ObjectNode> rootRows(List<ObjectNode> mergedRows) {
		return mergedRows.stream().filter((row) -> row.has("span_id") && isRoot(row)).toList();
	}

	private static boolean isRoot(ObjectNode row) {
		JsonNode parents = row.get("span_parents");
		return parents == null || parents.isNull() || (parents instanceof ArrayNode array && array.isEmpty());
	}

	private static CaseRecord toRecord(ObjectNode root, List<ObjectNode> spans) {
		Map<String, @Nullable Double> scores = new LinkedHashMap<>();
		int llmCalls = 0;
		long promptTokens = 0;
		long completionTokens = 0;
		long totalTokens = 0;
		for (ObjectNode span : spans) {
			JsonNode spanScores = span.get("scores");
			if (spanScores instanceof ObjectNode object) {
				for (Map.Entry<String, JsonNode> entry : object.properties()) {
					JsonNode value = entry.getValue();
					scores.put(entry.getKey(), value.isNumber() ? value.doubleValue() : null);
				}
			}
			JsonNode attributes = span.path("span_attributes");
			if ("llm".equals(attributes.path("type").asString(null))
					&& !"scorer".equals(attributes.path("purpose").asString(null))) {
				llmCalls++;
				JsonNode metrics = span.path("metrics");
				long prompt = metrics.path("prompt_tokens").asLong(0);
				long completion = metrics.path("completion_tokens").asLong(0);
				promptTokens += prompt;
				completionTokens += completion;
				totalTokens += metrics.has("tokens") ? metrics.path("tokens").asLong(0) : prompt + completion;
			}
		}
		JsonNode metrics = root.path("metrics");
		Double duration = (metrics.path("start").isNumber() && metrics.path("end").isNumber())
				? Math.max(0, metrics.path("end").doubleValue() - metrics.path("start").doubleValue()) : null;
		JsonNode input = root.has("input") ? root.get("input") : JsonNodeFactory.instance.nullNode();
		JsonNode error = root.get("error");
		return new CaseRecord(input, scores, duration, llmCalls, promptTokens, completionTokens, totalTokens,
				error != null && !error.isNull());
	}

}

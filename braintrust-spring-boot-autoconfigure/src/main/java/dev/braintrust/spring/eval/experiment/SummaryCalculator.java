package dev.braintrust.spring.eval.experiment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes an experiment's score and metric summaries, compared with a base experiment
 * the way Braintrust compares them: cases are matched by input (several trials of one
 * input are averaged), and each matched input counts as an improvement or a regression
 * when its value changed.
 * <ul>
 * <li>Scores: the mean over the cases that have the score; the diff is the difference of
 * the means; higher is better.</li>
 * <li>Metrics: {@code duration} (seconds), {@code llm_calls}, {@code prompt_tokens},
 * {@code completion_tokens} and {@code total_tokens} are means per case, {@code errors}
 * is the number of failed cases; the diff is relative to the base value; lower is
 * better.</li>
 * </ul>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SummaryCalculator {

	private static final double EPSILON = 1e-9;

	private SummaryCalculator() {
	}

	/**
	 * Summarize the scores of an experiment.
	 * @param current the experiment's cases
	 * @param base the base experiment's cases, or null without a comparison
	 * @return the score summaries, by name in alphabetical order
	 */
	public static Map<String, ScoreSummary> scores(List<CaseRecord> current, @Nullable List<CaseRecord> base) {
		TreeSet<String> names = new TreeSet<>();
		current.forEach((record) -> names.addAll(record.scores().keySet()));
		Map<String, ScoreSummary> summaries = new LinkedHashMap<>();
		for (String name : names) {
			Function<CaseRecord, @Nullable Double> value = (record) -> record.scores().get(name);
			Double mean = mean(current, value);
			if (mean == null) {
				continue;
			}
			Double diff = null;
			int[] changes = { 0, 0 };
			if (base != null) {
				Double baseMean = mean(base, value);
				if (baseMean != null) {
					diff = mean - baseMean;
				}
				changes = compare(current, base, value, true);
			}
			summaries.put(name, new ScoreSummary(name, mean, diff, changes[0], changes[1]));
		}
		return summaries;
	}

	/**
	 * Summarize the metrics of an experiment.
	 * @param current the experiment's cases
	 * @param base the base experiment's cases, or null without a comparison
	 * @return the metric summaries: duration, llm_calls, prompt_tokens,
	 * completion_tokens, total_tokens, errors
	 */
	public static Map<String, MetricSummary> metrics(List<CaseRecord> current, @Nullable List<CaseRecord> base) {
		return metrics(current, base, true);
	}

	/**
	 * Summarize the metrics of an experiment.
	 * @param current the experiment's cases
	 * @param base the base experiment's cases, or null without a comparison
	 * @param llmMetrics whether the records know the LLM calls and tokens; when false,
	 * only duration and errors are summarized
	 * @return the metric summaries
	 */
	public static Map<String, MetricSummary> metrics(List<CaseRecord> current, @Nullable List<CaseRecord> base,
			boolean llmMetrics) {
		Map<String, MetricSummary> metrics = new LinkedHashMap<>();
		meanMetric(metrics, "duration", "s", current, base, CaseRecord::durationSeconds);
		if (llmMetrics) {
			meanMetric(metrics, "llm_calls", "", current, base, (record) -> (double) record.llmCalls());
			meanMetric(metrics, "prompt_tokens", "tok", current, base, (record) -> (double) record.promptTokens());
			meanMetric(metrics, "completion_tokens", "tok", current, base,
					(record) -> (double) record.completionTokens());
			meanMetric(metrics, "total_tokens", "tok", current, base, (record) -> (double) record.totalTokens());
		}
		Function<CaseRecord, @Nullable Double> error = (record) -> record.error() ? 1.0 : 0.0;
		long errors = current.stream().filter(CaseRecord::error).count();
		Double diff = null;
		int[] changes = { 0, 0 };
		if (base != null) {
			long baseErrors = base.stream().filter(CaseRecord::error).count();
			diff = relative(errors, baseErrors);
			changes = compare(current, base, error, false);
		}
		metrics.put("errors", new MetricSummary("errors", errors, "", diff, changes[0], changes[1]));
		return metrics;
	}

	private static void meanMetric(Map<String, MetricSummary> metrics, String name, String unit,
			List<CaseRecord> current, @Nullable List<CaseRecord> base, Function<CaseRecord, @Nullable Double> value) {
		Double mean = mean(current, value);
		if (mean == null) {
			return;
		}
		Double diff = null;
		int[] changes = { 0, 0 };
		if (base != null) {
			Double baseMean = mean(base, value);
			if (baseMean != null) {
				diff = relative(mean, baseMean);
			}
			changes = compare(current, base, value, false);
		}
		metrics.put(name, new MetricSummary(name, mean, unit, diff, changes[0], changes[1]));
	}

	private static @Nullable Double relative(double current, double base) {
		if (Math.abs(base) < EPSILON) {
			return (Math.abs(current) < EPSILON) ? 0.0 : null;
		}
		return (current - base) / base;
	}

	private static @Nullable Double mean(List<CaseRecord> records, Function<CaseRecord, @Nullable Double> value) {
		double sum = 0;
		int count = 0;
		for (CaseRecord record : records) {
			Double v = value.apply(record);
			if (v != null) {
				sum += v;
				count++;
			}
		}
		return (count > 0) ? sum / count : null;
	}

	/**
	 * Count the inputs present in both experiments whose mean value went up or down.
	 * @return {improvements, regressions}
	 */
	private static int[] compare(List<CaseRecord> current, List<CaseRecord> base,
			Function<CaseRecord, @Nullable Double> value, boolean higherIsBetter) {
		Map<String, Double> currentByInput = meanByInput(current, value);
		Map<String, Double> baseByInput = meanByInput(base, value);
		int improvements = 0;
		int regressions = 0;
		for (Map.Entry<String, Double> entry : currentByInput.entrySet()) {
			Double before = baseByInput.get(entry.getKey());
			if (before == null) {
				continue;
			}
			double change = entry.getValue() - before;
			if (Math.abs(change) <= EPSILON) {
				continue;
			}
			if ((change > 0) == higherIsBetter) {
				improvements++;
			}
			else {
				regressions++;
			}
		}
		return new int[] { improvements, regressions };
	}

	private static Map<String, Double> meanByInput(List<CaseRecord> records,
			Function<CaseRecord, @Nullable Double> value) {
		Map<String, List<CaseRecord>> groups = new LinkedHashMap<>();
		for (CaseRecord record : records) {
			groups.computeIfAbsent(inputKey(record.input()), (key) -> new ArrayList<>()).add(record);
		}
		Map<String, Double> means = new LinkedHashMap<>();
		groups.forEach((key, group) -> {
			Double mean = mean(group, value);
			if (mean != null) {
				means.put(key, mean);
			}
		});
		return means;
	}

	/**
	 * A key for an input that does not depend on the order of object fields.
	 * @param input the input
	 * @return the key
	 */
	static String inputKey(JsonNode input) {
		StringBuilder key = new StringBuilder();
		appendCanonical(input, key);
		return key.toString();
	}

	private static void appendCanonical(JsonNode node, StringBuilder out) {
		if (node instanceof ObjectNode object) {
			TreeMap<String, JsonNode> sorted = new TreeMap<>();
			object.properties().forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
			out.append('{');
			Iterator<Map.Entry<String, JsonNode>> entries = sorted.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<String, JsonNode> entry = entries.next();
				out.append(quote(entry.getKey())).append(':');
				appendCanonical(entry.getValue(), out);
				if (entries.hasNext()) {
					out.append(',');
				}
			}
			out.append('}');
		}
		else if (node instanceof ArrayNode array) {
			out.append('[');
			for (int i = 0; i < array.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				appendCanonical(array.get(i), out);
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			// 1 and 1.0 are the same input
			out.append(node.decimalValue().stripTrailingZeros().toPlainString());
		}
		else {
			out.append(node.toString());
		}
	}

	private static String quote(String text) {
		return JsonNodeFactory.instance.stringNode(text).toString();
	}

}

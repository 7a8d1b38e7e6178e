package dev.braintrust.spring.eval.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Prints an {@link ExperimentSummary} the way the official Python SDK does:
 *
 * <pre>
 * =========================SUMMARY=========================
 * exp-2 compared to exp-1:
 * 75.00% (+25.00%) 'exact'   score	(2 improvements, 0 regressions)
 *
 * 0.12s (-10.00%) 'duration'	(3 improvements, 1 regressions)
 *
 * See results for exp-2 at ...
 * </pre>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SummaryFormatter {

	private SummaryFormatter() {
	}

	/**
	 * Format a summary.
	 * @param summary the summary
	 * @return the text, starting with a blank line
	 */
	public static String format(ExperimentSummary summary) {
		StringBuilder out = new StringBuilder("\n=========================SUMMARY=========================\n");
		if (summary.comparisonExperimentName() != null) {
			out.append(summary.experimentName())
				.append(" compared to ")
				.append(summary.comparisonExperimentName())
				.append(":\n");
		}
		int longestScore = summary.scores().keySet().stream().mapToInt(String::length).max().orElse(0);
		List<String> scoreLines = new ArrayList<>();
		summary.scores().values().forEach((score) -> scoreLines.add(scoreLine(score, longestScore)));
		if (!scoreLines.isEmpty()) {
			out.append(String.join("\n", scoreLines)).append("\n\n");
		}
		int longestMetric = summary.metrics().keySet().stream().mapToInt(String::length).max().orElse(0);
		List<String> metricLines = new ArrayList<>();
		summary.metrics().values().forEach((metric) -> metricLines.add(metricLine(metric, longestMetric)));
		if (!metricLines.isEmpty()) {
			out.append(String.join("\n", metricLines)).append("\n\n");
		}
		if (summary.experimentUrl() != null) {
			out.append("See results for ")
				.append(summary.experimentName())
				.append(" at ")
				.append(summary.experimentUrl());
		}
		return out.toString();
	}

	static String scoreLine(ScoreSummary score, int longestName) {
		String percent = percent(score.score());
		String name = pad("'" + score.name() + "'", longestName + 2);
		if (score.diff() == null) {
			return percent + " " + name + " score";
		}
		return percent + " (" + diff(score.diff()) + ") " + name + " score\t("
				+ changes(score.improvements(), score.regressions()) + ")";
	}

	static String metricLine(MetricSummary metric, int longestName) {
		String value = number(metric.metric()) + metric.unit();
		if (metric.diff() == null) {
			return value + " " + metric.name();
		}
		return value + " (" + diff(metric.diff()) + ") " + pad("'" + metric.name() + "'", longestName + 2) + "\t("
				+ changes(metric.improvements(), metric.regressions()) + ")";
	}

	private static String changes(int improvements, int regressions) {
		return improvements + " improvements, " + regressions + " regressions";
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%05.2f%%", fraction * 100);
	}

	private static String diff(@Nullable Double diff) {
		if (diff == null || diff == 0) {
			return "-";
		}
		return ((diff > 0) ? "+" : "-") + String.format(Locale.ROOT, "%05.2f%%", Math.abs(diff) * 100);
	}

	private static String number(Number value) {
		if (value instanceof Long || value instanceof Integer || value instanceof Short) {
			return value.toString();
		}
		return String.format(Locale.ROOT, "%.2f", value.doubleValue());
	}

	private static String pad(String text, int width) {
		StringBuilder padded = new StringBuilder(text);
		while (padded.length() < width) {
			padded.append(' ');
		}
		return padded.toString();
	}

}

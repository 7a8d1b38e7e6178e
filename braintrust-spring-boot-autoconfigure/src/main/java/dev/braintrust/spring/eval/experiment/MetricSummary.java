package dev.braintrust.spring.eval.experiment;

import org.jspecify.annotations.Nullable;

/**
 * Summary of one metric of an experiment (Braintrust's {@code MetricSummary}): duration,
 * LLM calls, tokens, errors.
 *
 * @param name the metric name
 * @param metric the value: a mean per case, or a count for {@code errors}
 * @param unit the unit label, such as {@code "s"} or {@code "tok"}
 * @param diff the relative change from the comparison experiment ({@code 0.1} is 10%
 * more), or null without a comparison or when the base value is zero
 * @param improvements the number of inputs whose value went down (lower is better)
 * @param regressions the number of inputs whose value went up
 * @author Braintrust
 * @since 0.1.0
 */
public record MetricSummary(String name, Number metric, String unit, @Nullable Double diff, int improvements,
		int regressions) {

}

package dev.braintrust.spring.eval.experiment;

import org.jspecify.annotations.Nullable;

/**
 * Summary of one score of an experiment (Braintrust's {@code ScoreSummary}).
 *
 * @param name the score name
 * @param score the mean score over the cases that have it, in {@code [0, 1]}
 * @param diff the difference from the comparison experiment's mean (a fraction, not a
 * percentage), or null without a comparison
 * @param improvements the number of inputs whose score went up
 * @param regressions the number of inputs whose score went down
 * @author Braintrust
 * @since 0.1.0
 */
public record ScoreSummary(String name, double score, @Nullable Double diff, int improvements, int regressions) {

}

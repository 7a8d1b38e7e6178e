/**
 * Experiments as evals see them: summaries (score means, metrics, improvements and
 * regressions against a base experiment), how they are computed, and the catalog of
 * earlier experiments.
 */
@NullMarked
package dev.braintrust.spring.eval.experiment;

import org.jspecify.annotations.NullMarked;

/**
 * Evals: scorers, evaluators annotated with {@code @Eval}, and the runner that turns them
 * into Braintrust experiments.
 */
@NullMarked
package dev.braintrust.spring.eval;

import org.jspecify.annotations.NullMarked;

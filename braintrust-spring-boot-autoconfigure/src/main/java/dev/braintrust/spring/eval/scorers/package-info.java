/**
 * Built-in scorers: a Java port of Braintrust's autoevals (heuristic scorers and LLM
 * judges) and an adapter for Spring AI evaluators.
 */
@NullMarked
package dev.braintrust.spring.eval.scorers;

import org.jspecify.annotations.NullMarked;

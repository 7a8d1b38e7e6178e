/**
 * The support assistant's evals, run at start-up by the sample's configuration.
 */
@NullMarked
package dev.braintrust.spring.sample.evals;

import org.jspecify.annotations.NullMarked;

/**
 * Datasets: versioned collections of eval cases, in the shape of the Braintrust SDKs'
 * {@code init_dataset}, on the local store or on Braintrust.
 */
@NullMarked
package dev.braintrust.spring.eval.dataset;

import org.jspecify.annotations.NullMarked;

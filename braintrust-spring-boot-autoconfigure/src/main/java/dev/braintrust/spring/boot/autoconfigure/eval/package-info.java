/**
 * Auto-configuration for Braintrust evals.
 */
@NullMarked
package dev.braintrust.spring.boot.autoconfigure.eval;

import org.jspecify.annotations.NullMarked;

/**
 * The {@code braintrust} actuator endpoint: where rows go, the export pipeline's
 * counters, and the registered evals with their runs.
 */
@NullMarked
package dev.braintrust.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;

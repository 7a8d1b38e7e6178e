/**
 * Micrometer meters for the row pipeline and for eval runs.
 */
@NullMarked
package dev.braintrust.spring.metrics;

import org.jspecify.annotations.NullMarked;

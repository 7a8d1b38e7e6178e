/**
 * Auto-configuration for Braintrust tracing: {@code @Traced}, context propagation, the
 * join with Micrometer Tracing and distributed tracing over HTTP.
 */
@NullMarked
package dev.braintrust.spring.boot.autoconfigure.tracing;

import org.jspecify.annotations.NullMarked;

/**
 * Distributed tracing between services: W3C {@code traceparent} and a
 * {@code braintrust.parent} baggage member on outgoing HTTP calls, and the remote parent
 * they name on incoming requests.
 */
@NullMarked
package dev.braintrust.spring.tracing.propagation;

import org.jspecify.annotations.NullMarked;

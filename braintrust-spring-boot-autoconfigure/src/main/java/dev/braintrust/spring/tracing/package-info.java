/**
 * {@code @Traced}: spans around methods of Spring beans, ended when synchronous or
 * asynchronous work ends, and the current span carried across threads with Micrometer's
 * context-propagation library.
 */
@NullMarked
package dev.braintrust.spring.tracing;

import org.jspecify.annotations.NullMarked;

/**
 * The Braintrust logger: spans, rows, the asynchronous row pipeline and its exporters.
 * Nothing here depends on Spring Boot, so the same classes serve code that is not a
 * Spring bean.
 */
@NullMarked
package dev.braintrust.spring.logger;

import org.jspecify.annotations.NullMarked;

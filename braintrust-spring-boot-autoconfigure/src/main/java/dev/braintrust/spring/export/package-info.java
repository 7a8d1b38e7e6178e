/**
 * Export of rows to Braintrust's REST API: lazy registration of projects, experiments and
 * datasets, batched {@code POST /v1/insert} requests with retries, a disk spool for
 * outages, and links to rows in the Braintrust app. Free of Spring Boot types, so it can
 * be used with a hand-built logger.
 */
@NullMarked
package dev.braintrust.spring.export;

import org.jspecify.annotations.NullMarked;

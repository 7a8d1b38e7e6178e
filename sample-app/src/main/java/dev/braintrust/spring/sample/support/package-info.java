/**
 * The support assistant: the HTTP API, the traced service layer and answer
 * post-processing.
 */
@NullMarked
package dev.braintrust.spring.sample.support;

import org.jspecify.annotations.NullMarked;

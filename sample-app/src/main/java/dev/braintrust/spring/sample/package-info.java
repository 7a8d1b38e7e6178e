/**
 * The sample application: a support assistant for a fictional shop, traced and evaluated
 * with Braintrust.
 */
@NullMarked
package dev.braintrust.spring.sample;

import org.jspecify.annotations.NullMarked;

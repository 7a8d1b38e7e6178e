/**
 * Braintrust prompts: load them from Braintrust (with a cache that survives outages) or
 * from resources, and build them into Spring AI prompts or OpenAI-style requests.
 */
@NullMarked
package dev.braintrust.spring.prompt;

import org.jspecify.annotations.NullMarked;

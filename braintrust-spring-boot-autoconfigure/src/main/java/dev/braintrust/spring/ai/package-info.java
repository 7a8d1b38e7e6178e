/**
 * Spring AI integration: LLM and tool spans for every {@code ChatClient} and
 * {@code ChatModel} call, in the shapes Braintrust's cross-SDK specification asks for.
 */
@NullMarked
package dev.braintrust.spring.ai;

import org.jspecify.annotations.NullMarked;

/**
 * Test support: a fake LLM provider server on 127.0.0.1 that answers like OpenAI's chat
 * completions API and Anthropic's messages API.
 */
@NullMarked
package dev.braintrust.spring.testsupport;

import org.jspecify.annotations.NullMarked;

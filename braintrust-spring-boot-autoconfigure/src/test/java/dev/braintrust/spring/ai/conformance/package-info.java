/**
 * The runner of Braintrust's cross-SDK LLM span conformance cases: YAML loading with the
 * spec's custom tags, the matching rules, and the execution of a case through Spring AI.
 */
@NullMarked
package dev.braintrust.spring.ai.conformance;

import org.jspecify.annotations.NullMarked;

/**
 * The offline stand-in for a real chat model, used when no OpenAI key is configured. It
 * lives in the sample only; the starter never ships a model.
 */
@NullMarked
package dev.braintrust.spring.sample.offline;

import org.jspecify.annotations.NullMarked;

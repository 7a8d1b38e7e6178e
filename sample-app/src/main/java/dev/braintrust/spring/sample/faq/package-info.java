/**
 * The shop's FAQ knowledge base and its retriever.
 */
@NullMarked
package dev.braintrust.spring.sample.faq;

import org.jspecify.annotations.NullMarked;

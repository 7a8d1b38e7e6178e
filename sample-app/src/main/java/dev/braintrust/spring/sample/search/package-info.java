/**
 * Keyword search: a text analyzer and a BM25 index, used by the FAQ retriever and by the
 * offline chat model.
 */
@NullMarked
package dev.braintrust.spring.sample.search;

import org.jspecify.annotations.NullMarked;

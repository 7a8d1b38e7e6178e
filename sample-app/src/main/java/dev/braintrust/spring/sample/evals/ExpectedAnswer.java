package dev.braintrust.spring.sample.evals;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the assistant should answer to a question of the eval dataset.
 *
 * @param answer the answer a good support agent would give
 * @param faqId the FAQ entry that answers the question, if one does
 * @param sources the sources the answer should have
 * @param orderId the order the assistant should look up, if any
 * @author Braintrust
 */
public record ExpectedAnswer(String answer, @Nullable String faqId, List<String> sources, @Nullable String orderId) {

}

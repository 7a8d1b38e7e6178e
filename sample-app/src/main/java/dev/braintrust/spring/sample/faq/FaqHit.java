package dev.braintrust.spring.sample.faq;

/**
 * An FAQ entry found for a question.
 *
 * @param id the entry's id
 * @param question the entry's question
 * @param answer the entry's answer
 * @param score its BM25 score for the question, rounded to three decimals
 * @author Braintrust
 */
public record FaqHit(String id, String question, String answer, double score) {

}

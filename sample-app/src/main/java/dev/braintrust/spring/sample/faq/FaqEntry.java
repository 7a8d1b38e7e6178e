package dev.braintrust.spring.sample.faq;

/**
 * One entry of the shop's FAQ.
 *
 * @param id a stable id, cited by answers as {@code [id]}
 * @param question the question the entry answers
 * @param answer the answer
 * @author Braintrust
 */
public record FaqEntry(String id, String question, String answer) {

}

package dev.braintrust.spring.sample.support;

import org.jspecify.annotations.Nullable;

/**
 * A customer's question.
 *
 * @param question the question
 * @param customerId the asking customer, if signed in; order lookups are limited to their
 * orders
 * @author Braintrust
 */
public record AskRequest(@Nullable String question, @Nullable String customerId) {

	/**
	 * A question of an anonymous customer.
	 * @param question the question
	 * @return the request
	 */
	public static AskRequest of(String question) {
		return new AskRequest(question, null);
	}

}

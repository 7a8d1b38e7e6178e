package dev.braintrust.spring.benchmarks;

import dev.braintrust.spring.tracing.Traced;

/**
 * The traced bean: a method with two small arguments and a small result, doing almost
 * nothing, so that what the benchmark measures is the tracing around it.
 *
 * @author Braintrust
 */
public class QuoteService {

	/**
	 * Price an order line.
	 * @param sku the product
	 * @param quantity how many
	 * @return the quote
	 */
	@Traced
	public Quote quote(String sku, int quantity) {
		return new Quote(sku, quantity, quantity * 499L);
	}

	/**
	 * A small result.
	 *
	 * @param sku the product
	 * @param quantity how many
	 * @param cents the total price
	 */
	public record Quote(String sku, int quantity, long cents) {
	}

}

package dev.braintrust.spring.sample.orders;

/**
 * Where an order is.
 *
 * @author Braintrust
 */
public enum OrderStatus {

	/** Paid, being packed. */
	PROCESSING,

	/** Handed to the carrier. */
	SHIPPED,

	/** With the courier today. */
	OUT_FOR_DELIVERY,

	/** Delivered. */
	DELIVERED,

	/** Cancelled and refunded. */
	CANCELLED

}

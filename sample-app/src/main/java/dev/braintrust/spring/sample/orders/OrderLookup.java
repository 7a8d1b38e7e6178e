package dev.braintrust.spring.sample.orders;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What the order-lookup tool returns to the model: the order's state, or why it was not
 * found. Empty fields are left out of the JSON the model reads.
 *
 * @param orderId the order number asked for
 * @param found whether the order exists for this customer
 * @param status where it is
 * @param placedOn when it was placed
 * @param items what was ordered
 * @param carrier the carrier
 * @param trackingNumber the tracking number
 * @param estimatedDelivery the expected delivery date
 * @param message why the order was not found
 * @author Braintrust
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLookup(String orderId, boolean found, @Nullable String status, @Nullable LocalDate placedOn,
		@Nullable List<String> items, @Nullable String carrier, @Nullable String trackingNumber,
		@Nullable LocalDate estimatedDelivery, @Nullable String message) {

	static OrderLookup of(Order order) {
		return new OrderLookup(order.id(), true, order.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
				order.placedOn(), order.items(), order.carrier(), order.trackingNumber(), order.estimatedDelivery(),
				null);
	}

	static OrderLookup notFound(String orderId, String message) {
		return new OrderLookup(orderId, false, null, null, null, null, null, null, message);
	}

}

package dev.braintrust.spring.sample.orders;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order of the shop.
 *
 * @param id the order number
 * @param customerId the customer who placed it
 * @param status where it is
 * @param placedOn when it was placed
 * @param items what was ordered
 * @param carrier the carrier, once shipped
 * @param trackingNumber the carrier's tracking number, once shipped
 * @param estimatedDelivery the expected delivery date, while under way
 * @author Braintrust
 */
public record Order(String id, String customerId, OrderStatus status, LocalDate placedOn, List<String> items,
		@Nullable String carrier, @Nullable String trackingNumber, @Nullable LocalDate estimatedDelivery) {

}

package dev.braintrust.spring.sample.orders;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shop's orders, in memory, seeded with a few examples.
 *
 * @author Braintrust
 */
public class OrderRepository {

	private final Map<String, Order> orders = new ConcurrentHashMap<>();

	/**
	 * A repository holding the example orders.
	 */
	public OrderRepository() {
		this(examples());
	}

	/**
	 * A repository holding the given orders.
	 * @param orders the orders
	 */
	public OrderRepository(List<Order> orders) {
		this.orders.putAll(orders.stream().collect(Collectors.toMap(Order::id, Function.identity())));
	}

	/**
	 * The order with a number.
	 * @param id the order number
	 * @return the order, if there is one
	 */
	public Optional<Order> findById(String id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	/**
	 * The example orders: 1042 to 1046, of customers {@code c-100} and {@code c-200}.
	 * @return the orders
	 */
	public static List<Order> examples() {
		return List.of(
				new Order("1042", "c-100", OrderStatus.SHIPPED, LocalDate.of(2026, 11, 20),
						List.of("Trailhead 2 tent", "2 pairs of merino hiking socks"), "DHL", "JJD000390007841042",
						LocalDate.of(2026, 11, 26)),
				new Order("1043", "c-100", OrderStatus.PROCESSING, LocalDate.of(2026, 11, 23),
						List.of("Summit 45 backpack"), null, null, LocalDate.of(2026, 11, 28)),
				new Order("1044", "c-200", OrderStatus.DELIVERED, LocalDate.of(2026, 11, 12),
						List.of("Ridge rain jacket"), "PostNL", "3SKEST1044", null),
				new Order("1045", "c-100", OrderStatus.CANCELLED, LocalDate.of(2026, 11, 18),
						List.of("Camp stove", "Gas canister"), null, null, null),
				new Order("1046", "c-200", OrderStatus.OUT_FOR_DELIVERY, LocalDate.of(2026, 11, 21),
						List.of("Down sleeping bag"), "DPD", "01906004361046", LocalDate.of(2026, 11, 24)));
	}

}

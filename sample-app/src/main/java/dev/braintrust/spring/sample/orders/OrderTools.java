package dev.braintrust.spring.sample.orders;

import java.util.Map;
import java.util.Objects;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The tools the support assistant offers the model. Spring AI runs them in its tool loop;
 * the Braintrust tool advisor makes each run a {@code tool} span.
 * <p>
 * The tool context (which Spring AI requires to be non-empty for a method that takes one)
 * may carry the asking customer's id ({@link #CUSTOMER_ID}), so that a customer never
 * sees another customer's order, and a {@link ToolCallListener} ({@link #LISTENER}) told
 * of every lookup.
 *
 * @author Braintrust
 */
public class OrderTools {

	/** Tool-context key of the asking customer's id. */
	public static final String CUSTOMER_ID = "customerId";

	/** Tool-context key of a {@link ToolCallListener}. */
	public static final String LISTENER = "toolCallListener";

	/** The name the model calls the order lookup by. */
	public static final String LOOKUP_ORDER = "lookupOrder";

	private final OrderRepository orders;

	/**
	 * Create the tools.
	 * @param orders the orders
	 */
	public OrderTools(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Look up an order.
	 * @param orderId the order number
	 * @param context the tool context
	 * @return the order's state, or why it was not found
	 */
	@Tool(name = LOOKUP_ORDER, description = "Look up an order of the shop by its order number: its status, "
			+ "items, carrier, tracking number and estimated delivery date")
	public OrderLookup lookupOrder(@ToolParam(description = "The order number, digits only, e.g. 1042") String orderId,
			ToolContext context) {
		Map<String, Object> values = context.getContext();
		String normalized = orderId.strip().replaceFirst("^#", "");
		Object customerId = values.get(CUSTOMER_ID);
		OrderLookup result = this.orders.findById(normalized)
			.filter((order) -> customerId == null || Objects.equals(order.customerId(), customerId))
			.map(OrderLookup::of)
			.orElseGet(() -> OrderLookup.notFound(normalized,
					(customerId != null) ? "There is no order " + normalized + " for this customer."
							: "There is no order " + normalized + "."));
		if (values.get(LISTENER) instanceof ToolCallListener listener) {
			listener.called(LOOKUP_ORDER, Map.of("orderId", orderId), result.found());
		}
		return result;
	}

	/**
	 * Told of every tool call, so the caller can report what the model did.
	 */
	@FunctionalInterface
	public interface ToolCallListener {

		/**
		 * A tool was called.
		 * @param tool the tool's name
		 * @param arguments the arguments the model passed
		 * @param succeeded whether the tool found what was asked for
		 */
		void called(String tool, Map<String, Object> arguments, boolean succeeded);

	}

}

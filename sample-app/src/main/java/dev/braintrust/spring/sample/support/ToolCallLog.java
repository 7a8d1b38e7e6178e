package dev.braintrust.spring.sample.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.braintrust.spring.sample.orders.OrderTools;

/**
 * Collects the tool calls of one question; passed to the tools through the tool context
 * (tools may run on another thread in a streamed answer).
 *
 * @author Braintrust
 */
class ToolCallLog implements OrderTools.ToolCallListener {

	private final List<ToolCallRecord> calls = new CopyOnWriteArrayList<>();

	@Override
	public void called(String tool, Map<String, Object> arguments, boolean succeeded) {
		this.calls.add(new ToolCallRecord(tool, Map.copyOf(arguments), succeeded));
	}

	List<ToolCallRecord> calls() {
		return List.copyOf(this.calls);
	}

}

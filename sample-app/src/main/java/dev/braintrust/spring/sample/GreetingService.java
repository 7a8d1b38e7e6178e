package dev.braintrust.spring.sample;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.SpanType;
import dev.braintrust.spring.logger.SpanOptions;

import org.springframework.stereotype.Service;

/**
 * Greets customers, each greeting a Braintrust span with a child span.
 *
 * @author Braintrust
 */
@Service
public class GreetingService {

	private final BraintrustLogger logger;

	public GreetingService(BraintrustLogger logger) {
		this.logger = logger;
	}

	public String greet(String name) {
		return this.logger.traced(SpanOptions.named("greet").type(SpanType.TASK).build(), (span) -> {
			span.log((event) -> event.input(name).metadata("channel", "web"));
			String greeting = this.logger.traced("compose", (child) -> {
				String text = "Hello, " + name + "! How can we help you today?";
				child.log((event) -> event.input(name).output(text));
				return text;
			});
			span.log((event) -> event.output(greeting));
			return greeting;
		});
	}

}

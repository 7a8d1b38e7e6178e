package dev.braintrust.spring.sample;

import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.SpanType;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.prompt.BraintrustPrompts;
import dev.braintrust.spring.prompt.BuiltPrompt;

import org.springframework.stereotype.Service;

/**
 * Greets customers, each greeting a Braintrust span with a child span. The greeting is
 * the {@code greeting} prompt: from Braintrust with an API key, else (or if Braintrust
 * has none) the resource {@code braintrust/prompts/greeting.json}.
 *
 * @author Braintrust
 */
@Service
public class GreetingService {

	private final BraintrustLogger logger;

	private final BraintrustPrompts prompts;

	public GreetingService(BraintrustLogger logger, BraintrustPrompts prompts) {
		this.logger = logger;
		this.prompts = prompts;
	}

	public String greet(String name) {
		return this.logger.traced(SpanOptions.named("greet").type(SpanType.TASK).build(), (span) -> {
			span.log((event) -> event.input(name).metadata("channel", "web"));
			String greeting = this.logger.traced("compose", (child) -> {
				BuiltPrompt prompt = this.prompts.load("greeting").build(Map.of("name", name));
				String text = prompt.completion();
				// links the span to the prompt version, as an LLM span made from it would
				// be
				child.log((event) -> event.input(name).output(text).metadata("prompt", prompt.promptMetadata()));
				return text;
			});
			span.log((event) -> event.output(greeting));
			return greeting;
		});
	}

}

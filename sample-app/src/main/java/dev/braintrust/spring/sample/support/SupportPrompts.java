package dev.braintrust.spring.sample.support;

import java.util.List;

import dev.braintrust.spring.sample.faq.FaqHit;
import dev.braintrust.spring.sample.orders.OrderTools;

/**
 * The system prompt: instructions and the FAQ entries found for the question, each as an
 * {@code [id]} line followed by {@code Q:} and {@code A:} lines.
 *
 * @author Braintrust
 */
final class SupportPrompts {

	static final String INSTRUCTIONS = """
			You are the customer support assistant of Kestrel Outfitters, an online shop for outdoor gear.
			Answer in at most three sentences, using only the FAQ entries below and the results of your tools.
			After a sentence taken from an FAQ entry, cite the entry's id in square brackets, for example [returns-policy].
			When the customer asks about a specific order, call the %s tool with the order number.
			If neither the FAQ entries nor a tool answer the question, say that you don't know and suggest contacting help@kestrel.example.
			"""
		.formatted(OrderTools.LOOKUP_ORDER);

	private SupportPrompts() {
	}

	static String system(List<FaqHit> hits) {
		StringBuilder prompt = new StringBuilder(INSTRUCTIONS).append("\nFAQ entries:\n");
		if (hits.isEmpty()) {
			prompt.append("(none matched the question)\n");
		}
		for (FaqHit hit : hits) {
			prompt.append('[')
				.append(hit.id())
				.append("]\nQ: ")
				.append(hit.question())
				.append("\nA: ")
				.append(hit.answer())
				.append('\n');
		}
		return prompt.toString();
	}

}

package dev.braintrust.spring.sample.support;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.braintrust.spring.sample.faq.FaqKnowledgeBase;
import dev.braintrust.spring.sample.orders.OrderTools;
import dev.braintrust.spring.tracing.Traced;
import org.jspecify.annotations.Nullable;

/**
 * Turns the model's text into the answer a customer sees: citations of FAQ entries that
 * exist become {@code faq:<id>} sources (citations of unknown ids are dropped), orders
 * found by the lookup tool become {@code order:<id>} sources, and the citation marks are
 * removed from the text.
 *
 * @author Braintrust
 */
public class AnswerPostProcessor {

	/** What a customer reads when the model said nothing. */
	static final String NO_ANSWER = "Sorry, I have no answer to that. Please contact help@kestrel.example.";

	private static final Pattern CITATION = Pattern.compile("\\s*\\[([A-Za-z0-9_-]+)\\]");

	private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");

	private final FaqKnowledgeBase knowledgeBase;

	/**
	 * Create a post-processor.
	 * @param knowledgeBase the FAQ the citations refer to
	 */
	public AnswerPostProcessor(FaqKnowledgeBase knowledgeBase) {
		this.knowledgeBase = knowledgeBase;
	}

	/**
	 * Post-process an answer.
	 * @param text the model's text
	 * @param toolCalls the tools it called
	 * @param model the model that answered
	 * @return the answer
	 */
	@Traced(name = "AnswerPostProcessor.process")
	public AskResponse process(@Nullable String text, List<ToolCallRecord> toolCalls, @Nullable String model) {
		String raw = (text != null) ? text : "";
		Set<String> sources = new LinkedHashSet<>();
		Matcher matcher = CITATION.matcher(raw);
		while (matcher.find()) {
			String id = matcher.group(1);
			if (this.knowledgeBase.find(id).isPresent()) {
				sources.add("faq:" + id);
			}
		}
		for (ToolCallRecord call : toolCalls) {
			if (OrderTools.LOOKUP_ORDER.equals(call.name()) && call.succeeded()) {
				sources.add("order:" + String.valueOf(call.arguments().get("orderId")).strip().replaceFirst("^#", ""));
			}
		}
		String answer = SPACES.matcher(CITATION.matcher(raw).replaceAll("")).replaceAll(" ").strip();
		return new AskResponse(answer.isEmpty() ? NO_ANSWER : answer, List.copyOf(sources), List.copyOf(toolCalls),
				model, null);
	}

}

package dev.braintrust.spring.sample.support;

import java.util.List;
import java.util.Map;

import dev.braintrust.spring.sample.faq.FaqEntry;
import dev.braintrust.spring.sample.faq.FaqKnowledgeBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnswerPostProcessor}.
 *
 * @author Braintrust
 */
class AnswerPostProcessorTests {

	private final AnswerPostProcessor postProcessor = new AnswerPostProcessor(new FaqKnowledgeBase(
			List.of(new FaqEntry("returns-policy", "q", "a"), new FaqEntry("refund-timing", "q", "a"))));

	@Test
	void citationsOfKnownEntriesBecomeSourcesAndLeaveTheText() {
		AskResponse response = this.postProcessor.process(
				"Return it within 30 days [returns-policy]. Refunds take 5 days [refund-timing] [returns-policy].",
				List.of(), "gpt-4o-mini");
		assertThat(response.answer()).isEqualTo("Return it within 30 days. Refunds take 5 days.");
		assertThat(response.sources()).containsExactly("faq:returns-policy", "faq:refund-timing");
		assertThat(response.model()).isEqualTo("gpt-4o-mini");
		assertThat(response.traceId()).isNull();
	}

	@Test
	void citationsOfUnknownEntriesAreDropped() {
		AskResponse response = this.postProcessor.process("Sure [made-up-entry]", List.of(), null);
		assertThat(response.answer()).isEqualTo("Sure");
		assertThat(response.sources()).isEmpty();
	}

	@Test
	void ordersFoundByTheToolAreSources() {
		List<ToolCallRecord> calls = List.of(new ToolCallRecord("lookupOrder", Map.of("orderId", "#1042"), true),
				new ToolCallRecord("lookupOrder", Map.of("orderId", "1099"), false));
		AskResponse response = this.postProcessor.process("Order 1042 is shipped.", calls, null);
		assertThat(response.sources()).containsExactly("order:1042");
		assertThat(response.toolCalls()).isEqualTo(calls);
	}

	@Test
	void anEmptyAnswerIsReplaced() {
		assertThat(this.postProcessor.process(" [returns-policy] ", List.of(), null).answer())
			.isEqualTo(AnswerPostProcessor.NO_ANSWER);
		assertThat(this.postProcessor.process(null, List.of(), null).answer()).isEqualTo(AnswerPostProcessor.NO_ANSWER);
	}

}

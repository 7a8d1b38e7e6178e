package dev.braintrust.spring.sample.evals;

import java.util.List;
import java.util.Map;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import dev.braintrust.spring.eval.scorers.ExactMatch;
import dev.braintrust.spring.sample.support.AskRequest;
import dev.braintrust.spring.sample.support.AskResponse;
import dev.braintrust.spring.sample.support.ToolCallRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the scorers of {@link SupportEvals}.
 *
 * @author Braintrust
 */
class SupportEvalsTests {

	@Test
	void orderLookupIsCorrectForExactlyTheExpectedOrder() {
		assertThat(orderLookup("1042", call("1042")).score()).isEqualTo(1.0);
		assertThat(orderLookup("1042", call("1043")).score()).isEqualTo(0.0);
		assertThat(orderLookup("1042", call("1042"), call("1043")).score()).isEqualTo(0.0);
		assertThat(orderLookup("1042").score()).isEqualTo(0.0);
	}

	@Test
	void orderLookupIsCorrectWithoutCallsWhenNoOrderIsExpected() {
		assertThat(orderLookup(null).score()).isEqualTo(1.0);
		Score wrong = orderLookup(null, call("1042"));
		assertThat(wrong.score()).isEqualTo(0.0);
		assertThat(wrong.name()).isEqualTo("order_lookup");
		assertThat(wrong.metadata()).containsEntry("order_ids",
				Map.of("expected", List.of(), "looked_up", List.of("1042")));
	}

	@Test
	void builtInScorersSeeOneFieldOfOutputAndExpected() throws Exception {
		Scorer exactFaq = SupportEvals.on(new ExactMatch(), SupportEvals::firstFaqId, ExpectedAnswer::faqId);
		assertThat(exactFaq.name()).isEqualTo("ExactMatch");
		AskResponse response = new AskResponse("a", List.of("order:1", "faq:returns-policy", "faq:refunds"), List.of(),
				null, null);
		assertThat(exactFaq.score(args(response, new ExpectedAnswer("a", "returns-policy", List.of(), null))))
			.isEqualTo(new Score("ExactMatch", 1.0, Map.of()));
		assertThat(exactFaq.score(args(response, new ExpectedAnswer("a", "refunds", List.of(), null))))
			.isEqualTo(new Score("ExactMatch", 0.0, Map.of()));
	}

	private static Score orderLookup(String expectedOrderId, ToolCallRecord... calls) {
		AskResponse response = new AskResponse("answer", List.of(), List.of(calls), null, null);
		return SupportEvals.orderLookup(args(response, new ExpectedAnswer("answer", null, List.of(), expectedOrderId)));
	}

	private static ScorerArgs args(AskResponse response, ExpectedAnswer expected) {
		return new ScorerArgs(AskRequest.of("question"), response, expected, Map.of());
	}

	private static ToolCallRecord call(String orderId) {
		return new ToolCallRecord("lookupOrder", Map.of("orderId", orderId), true);
	}

}

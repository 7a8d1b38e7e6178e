package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.evaluation.FactCheckingEvaluator;
import org.springframework.ai.document.Document;
import org.springframework.ai.evaluation.EvaluationRequest;
import org.springframework.ai.evaluation.EvaluationResponse;
import org.springframework.ai.evaluation.Evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SpringAiEvaluatorScorer}.
 */
class SpringAiEvaluatorScorerTests {

	private static Score score(Evaluator evaluator) {
		return new SpringAiEvaluatorScorer(evaluator).score(ScorerArgs.of("out", "exp"));
	}

	@Test
	void shouldUseTheEvaluatorsScoreWhenItReportsOne() {
		assertThat(score((request) -> new EvaluationResponse(true, 0.7f, "close", Map.of())).score()).isCloseTo(0.7,
				org.assertj.core.api.Assertions.within(1e-6));
		assertThat(score((request) -> new EvaluationResponse(false, 0.25f, "", Map.of())).score()).isEqualTo(0.25);
	}

	@Test
	void shouldScorePassOneAndFailZeroWhenNoScoreIsReported() {
		assertThat(score((request) -> new EvaluationResponse(true, "", Map.of())).score()).isEqualTo(1.0);
		assertThat(score((request) -> new EvaluationResponse(false, "", Map.of())).score()).isEqualTo(0.0);
		// a pass that reports 0, as FactCheckingEvaluator always does, is a pass
		assertThat(score((request) -> new EvaluationResponse(true, 0f, "", Map.of())).score()).isEqualTo(1.0);
	}

	@Test
	void shouldKeepPassFeedbackAndMetadata() {
		Score score = score((request) -> new EvaluationResponse(false, "off topic", Map.of("model", "judge-1")));
		assertThat(score.name()).isEqualTo("SpringAiEvaluator");
		assertThat(score.metadata()).containsExactly(Map.entry("model", "judge-1"), Map.entry("pass", false),
				Map.entry("feedback", "off topic"));
	}

	@Test
	void shouldRejectScoresOutsideTheUnitInterval() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new SpringAiEvaluatorScorer((request) -> new EvaluationResponse(true, 4f, "", Map.of()))
				.withName("Stars")
				.score(ScorerArgs.of("a", "b")))
			.withMessage(
					"Evaluator 'Stars' reported the score 4.0, outside [0, 1]; map it with a custom Scorer instead");
	}

	@Test
	void shouldMapACaseToAnEvaluationRequest() {
		AtomicReference<EvaluationRequest> seen = new AtomicReference<>();
		Evaluator capturing = (request) -> {
			seen.set(request);
			return new EvaluationResponse(true, "", Map.of());
		};
		SpringAiEvaluatorScorer scorer = new SpringAiEvaluatorScorer(capturing);
		scorer.score(new ScorerArgs("question?", Map.of("answer", 42), "ground truth", Map.of()));
		assertThat(seen.get().getUserText()).isEqualTo("question?");
		assertThat(seen.get().getResponseContent()).isEqualTo("{\"answer\":42}");
		assertThat(seen.get().getDataList()).extracting(Document::getText).containsExactly("ground truth");
		scorer.score(
				new ScorerArgs("q", "a", "ignored", Map.of("documents", List.of("doc one", new Document("doc two")))));
		assertThat(seen.get().getDataList()).extracting(Document::getText).containsExactly("doc one", "doc two");
		scorer.withRequestMapper((args) -> new EvaluationRequest("custom", List.of(), "x"))
			.score(ScorerArgs.of("a", "b"));
		assertThat(seen.get().getUserText()).isEqualTo("custom");
	}

	@Test
	@Timeout(30)
	void shouldAdaptFactCheckingEvaluatorWhoseScoreIsAlwaysZero() {
		try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
			SpringAiEvaluatorScorer scorer = new SpringAiEvaluatorScorer(
					FactCheckingEvaluator.builder(ChatClient.builder(server.chatModel())).build());
			server.answerWithText("Yes");
			Score supported = scorer.score(ScorerArgs.of("The sky is blue.", "The sky is blue on a clear day."));
			assertThat(supported.name()).isEqualTo("FactCheckingEvaluator");
			assertThat(supported.score()).isEqualTo(1.0);
			assertThat(supported.metadata()).containsEntry("pass", true);
			server.answerWithText("No");
			assertThat(scorer.score(ScorerArgs.of("The sky is green.", "The sky is blue.")).score()).isEqualTo(0.0);
			String prompt = server.chatRequests().get(0).get("messages").get(0).get("content").stringValue();
			assertThat(prompt).contains("Document:\n\tThe sky is blue on a clear day.")
				.contains("Claim:\n\tThe sky is blue.");
		}
	}

}

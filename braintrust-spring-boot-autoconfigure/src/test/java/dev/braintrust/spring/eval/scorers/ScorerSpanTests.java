package dev.braintrust.spring.eval.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.braintrust.spring.ai.BraintrustChatClientAdvisor;
import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.ScorerArgs;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.evaluation.RelevancyEvaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests that the LLM calls of model-backed scorers are logged with
 * {@code span_attributes.purpose = "scorer"}, used directly and inside an eval's score
 * span, through the real {@link BraintrustChatClientAdvisor}.
 */
@Timeout(30)
class ScorerSpanTests {

	private final FakeOpenAiServer server = FakeOpenAiServer.start();

	private final List<LogRow> exported = new CopyOnWriteArrayList<>();

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("scorers", null))
		.exporter(this.exported::addAll)
		.build();

	private final ChatClient client = ChatClient.builder(this.server.chatModel())
		.defaultAdvisors(BraintrustChatClientAdvisor.builder(this.logger).build())
		.build();

	@AfterEach
	void close() {
		this.logger.close();
		this.server.close();
	}

	@Test
	void shouldRunAJudgeCalledDirectlyInAScorerSpan() {
		this.server.answerWithSelectChoice("{\"reasons\":\"same\",\"choice\":\"C\"}");
		Score score = new Factuality(this.client).withLogger(this.logger).score("1+2+3?", "6", "6");
		assertThat(score.score()).isEqualTo(1.0);
		ObjectNode scorer = row("Factuality");
		assertThat(scorer.get("span_attributes").get("type").stringValue()).isEqualTo("score");
		assertThat(scorer.get("span_attributes").get("purpose").stringValue()).isEqualTo("scorer");
		assertThat(scorer.get("scores").get("Factuality").doubleValue()).isEqualTo(1.0);
		assertThat(scorer.get("metadata").get("choice").stringValue()).isEqualTo("C");
		assertThat(scorer.get("metadata").get("rationale").stringValue()).isEqualTo("same");
		assertThat(scorer.get("input").get("input").stringValue()).isEqualTo("1+2+3?");
		assertThat(scorer.get("output").get("score").doubleValue()).isEqualTo(1.0);
		ObjectNode llm = row("Chat Completion");
		assertThat(llm.get("span_attributes").get("type").stringValue()).isEqualTo("llm");
		assertThat(llm.get("span_attributes").get("purpose").stringValue()).isEqualTo("scorer");
		assertThat(llm.get("span_parents").get(0).stringValue()).isEqualTo(scorer.get("span_id").stringValue());
		// the tool choice is forced before any other advisor sees the request
		assertThat(llm.get("metadata").get("tool_choice").toString()).contains("select_choice");
	}

	@Test
	void shouldNotNestASecondScorerSpanInsideTheEvalsScoreSpan() {
		this.server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"D\"}");
		Factuality judge = new Factuality(this.client).withLogger(this.logger);
		// the eval runner's score span, as the eval module starts it
		Score score = this.logger.traced(
				SpanOptions.named("Factuality").type(SpanType.SCORE).propagatedAttribute("purpose", "scorer").build(),
				(span) -> judge.score(ScorerArgs.of("a", "b")));
		assertThat(score.score()).isEqualTo(0.0);
		assertThat(rows().stream().filter((row) -> name(row).equals("Factuality"))).hasSize(1);
		ObjectNode llm = row("Chat Completion");
		assertThat(llm.get("span_attributes").get("purpose").stringValue()).isEqualTo("scorer");
		assertThat(llm.get("span_parents").get(0).stringValue())
			.isEqualTo(row("Factuality").get("span_id").stringValue());
	}

	@Test
	void shouldRecordAFailedJudgementOnItsSpanAndRethrow() {
		this.server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"Z\"}");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Factuality(this.client).withLogger(this.logger).score("q", "a", "b"))
			.withMessageContaining("'Z'");
		assertThat(row("Factuality").get("error").toString()).contains("not one of the allowed choices");
	}

	@Test
	void shouldTagTheLlmCallsOfASpringAiEvaluator() {
		this.server.answerWithText("YES");
		RelevancyEvaluator relevancy = new RelevancyEvaluator(ChatClient.builder(this.server.chatModel())
			.defaultAdvisors(BraintrustChatClientAdvisor.builder(this.logger).build()));
		Score score = new SpringAiEvaluatorScorer(relevancy).withLogger(this.logger)
			.score(new ScorerArgs("What is the capital of France?", "Paris", null,
					Map.of("context", List.of("Paris is the capital of France."))));
		assertThat(score.name()).isEqualTo("RelevancyEvaluator");
		assertThat(score.score()).isEqualTo(1.0);
		assertThat(row("RelevancyEvaluator").get("span_attributes").get("purpose").stringValue()).isEqualTo("scorer");
		assertThat(row("Chat Completion").get("span_attributes").get("purpose").stringValue()).isEqualTo("scorer");
		String prompt = this.server.chatRequests().get(0).get("messages").get(0).get("content").stringValue();
		assertThat(prompt).contains("What is the capital of France?").contains("Paris is the capital of France.");
	}

	private List<ObjectNode> rows() {
		List<ObjectNode> log = new ArrayList<>();
		JsonMapper json = JsonMapper.shared();
		for (LogRow row : this.exported) {
			log.add((ObjectNode) json.readTree(row.json()));
		}
		return RowMerger.replay(log);
	}

	private ObjectNode row(String name) {
		return rows().stream()
			.filter((row) -> name(row).equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named " + name + " in " + rows()));
	}

	private static String name(JsonNode row) {
		return row.path("span_attributes").path("name").asString("");
	}

}

package dev.braintrust.spring.sample.evals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalThresholds;
import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import dev.braintrust.spring.eval.scorers.ExactMatch;
import dev.braintrust.spring.eval.scorers.Levenshtein;
import dev.braintrust.spring.eval.scorers.ListContains;
import dev.braintrust.spring.sample.orders.OrderTools;
import dev.braintrust.spring.sample.support.AskRequest;
import dev.braintrust.spring.sample.support.AskResponse;
import dev.braintrust.spring.sample.support.SupportAssistant;
import dev.braintrust.spring.sample.support.ToolCallRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The support assistant's evals, both over {@code evals/support-questions.jsonl}
 * (questions with the answer, FAQ entry, sources and order a good agent would give):
 * <ul>
 * <li>{@code support-answers}, the quality of the answers, with the built-in scorers:
 * {@code Levenshtein} on the answer text, {@code ExactMatch} on the FAQ entry cited
 * first, {@code ListContains} on the sources;</li>
 * <li>{@code support-tool-use}, whether the model looked up exactly the order the
 * question names, and nothing when it names none.</li>
 * </ul>
 * Each run is an experiment in a Braintrust project named after the eval (as
 * {@code Eval("support-answers", ...)} does in the Python SDK), compared with the
 * previous run.
 *
 * @author Braintrust
 */
@Component
public class SupportEvals {

	static final String DATA = "classpath:evals/support-questions.jsonl";

	private final SupportAssistant assistant;

	/**
	 * Create the evals.
	 * @param assistant the assistant under evaluation
	 */
	public SupportEvals(SupportAssistant assistant) {
		this.assistant = assistant;
	}

	@Eval(name = "support-answers", timeout = "60s")
	EvalDefinition<AskRequest, ExpectedAnswer> answers() {
		return EvalDefinition.<AskRequest, ExpectedAnswer>builder()
			.data(EvalData.jsonLines(DATA, AskRequest.class, ExpectedAnswer.class))
			.task(this.assistant::answer)
			.scorers(on(new Levenshtein(), AskResponse::answer, ExpectedAnswer::answer),
					on(new ExactMatch(), SupportEvals::firstFaqId, ExpectedAnswer::faqId),
					on(new ListContains(), AskResponse::sources, ExpectedAnswer::sources))
			.options((options) -> options.description("Answers of the support assistant against the expected answers")
				.thresholds(EvalThresholds.builder().minScore(ExactMatch.NAME, 0.8).build()))
			.build();
	}

	@Eval(name = "support-tool-use", timeout = "60s")
	EvalDefinition<AskRequest, ExpectedAnswer> toolUse() {
		return EvalDefinition.<AskRequest, ExpectedAnswer>builder()
			.data(EvalData.jsonLines(DATA, AskRequest.class, ExpectedAnswer.class))
			.task(this.assistant::answer)
			.scorers(Scorer.of("order_lookup", SupportEvals::orderLookup))
			.options(
					(options) -> options.description("Whether the model looks up exactly the orders the questions name")
						.thresholds(EvalThresholds.builder().minScore("order_lookup", 1.0).build()))
			.build();
	}

	/**
	 * 1 when the model looked up the expected order and no other, or no order when none
	 * is expected; the calls are in the score's metadata.
	 */
	static Score orderLookup(ScorerArgs args) {
		AskResponse output = (AskResponse) Objects.requireNonNull(args.output());
		ExpectedAnswer expected = (ExpectedAnswer) Objects.requireNonNull(args.expected());
		List<Object> orderIds = output.toolCalls()
			.stream()
			.filter((call) -> OrderTools.LOOKUP_ORDER.equals(call.name()))
			.map(ToolCallRecord::arguments)
			.map((arguments) -> (Object) String.valueOf(arguments.get("orderId")))
			.toList();
		boolean correct = (expected.orderId() != null) ? orderIds.equals(List.of(expected.orderId()))
				: orderIds.isEmpty();
		Map<String, Object> calls = new LinkedHashMap<>();
		calls.put("expected", (expected.orderId() != null) ? List.of(expected.orderId()) : List.of());
		calls.put("looked_up", orderIds);
		return Score.of("order_lookup", correct ? 1.0 : 0.0).withMetadata("order_ids", calls);
	}

	static @Nullable String firstFaqId(AskResponse response) {
		return response.sources()
			.stream()
			.filter((source) -> source.startsWith("faq:"))
			.map((source) -> source.substring("faq:".length()))
			.findFirst()
			.orElse(null);
	}

	/**
	 * A built-in scorer applied to one field of the output and of the expected answer.
	 */
	static Scorer on(Scorer scorer, Function<AskResponse, @Nullable Object> output,
			Function<ExpectedAnswer, @Nullable Object> expected) {
		return Scorer.of(scorer.name(),
				(args) -> scorer.score(new ScorerArgs(args.input(), output.apply((AskResponse) args.output()),
						expected.apply((ExpectedAnswer) Objects.requireNonNull(args.expected())), args.metadata())));
	}

}

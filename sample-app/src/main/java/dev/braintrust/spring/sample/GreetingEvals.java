package dev.braintrust.spring.sample;

import java.util.Objects;

import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.EvalThresholds;
import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;

import org.springframework.stereotype.Component;

/**
 * Evaluates the greetings of {@link GreetingService}. Run it with
 * {@code --braintrust.eval.run-on-startup=true --braintrust.eval.exit-after-run=true};
 * the process exits with status 1 when the scores fall below the thresholds set here (or
 * by {@code braintrust.eval.thresholds.greetings.*} properties).
 *
 * @author Braintrust
 */
@Component
public class GreetingEvals {

	private final GreetingService greetings;

	public GreetingEvals(GreetingService greetings) {
		this.greetings = greetings;
	}

	@Eval(name = "greetings", trialCount = 2, timeout = "10s")
	EvalDefinition<String, String> greetingsEval() {
		return EvalDefinition.<String, String>builder()
			.data(EvalData.jsonLines("classpath:evals/greetings.jsonl", String.class, String.class))
			.task(this.greetings::greet)
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())),
					Scorer.of("mentions_name",
							(args) -> String.valueOf(args.output()).contains(String.valueOf(args.input()))),
					Scorer.of("length",
							(args) -> Score.of("short_enough",
									String.valueOf(args.output()).length() <= 60 ? 1.0 : 0.0)))
			.options((options) -> options.description("Greetings of the support bot")
				.thresholds(EvalThresholds.builder().minScore("mentions_name", 1.0).minScore("exact", 0.7).build()))
			.build();
	}

}

package dev.braintrust.spring.eval.scorers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.ScorerArgs;
import dev.braintrust.spring.logger.Braintrust;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanType;
import org.jspecify.annotations.Nullable;

/**
 * Runs a model-backed scorer inside a scorer span, so that the LLM calls it makes (logged
 * as child spans by the Spring AI integration) carry {@code span_attributes.purpose =
 * "scorer"} and count as scorer cost. Inside an eval the runner's score span already
 * propagates the attribute, and no second span is started.
 *
 * @author Braintrust
 */
final class ScorerSpans {

	static final String PURPOSE = "purpose";

	static final String SCORER = "scorer";

	private ScorerSpans() {
	}

	/**
	 * Run a scorer's work in a scorer span unless one is already current.
	 * @param logger the logger, or null for {@link Braintrust#logger()}
	 * @param name the scorer's name
	 * @param args what is scored
	 * @param work the scoring
	 * @return the score
	 */
	static Score run(@Nullable BraintrustLogger logger, String name, ScorerArgs args, Supplier<Score> work) {
		Span current = CurrentSpan.getOrNull();
		if (current != null && SCORER.equals(current.propagatedAttributes().get(PURPOSE))) {
			return work.get();
		}
		BraintrustLogger effective = (logger != null) ? logger : Braintrust.logger();
		SpanOptions options = SpanOptions.named(name)
			.type(SpanType.SCORE)
			.propagatedAttribute(PURPOSE, SCORER)
			.event(LogEvent.builder().input(input(args)).build())
			.build();
		return effective.traced(options, (span) -> {
			Score score = work.get();
			logResult(span, score);
			return score;
		});
	}

	private static Map<String, @Nullable Object> input(ScorerArgs args) {
		Map<String, @Nullable Object> input = new LinkedHashMap<>();
		input.put("input", args.input());
		input.put("expected", args.expected());
		input.put("metadata", args.metadata());
		input.put("output", args.output());
		return input;
	}

	private static void logResult(Span span, Score score) {
		try {
			Map<String, @Nullable Object> output = new LinkedHashMap<>();
			output.put("score", score.score());
			LogEvent.Builder event = LogEvent.builder().output(output).metadata(score.metadata());
			if (score.score() != null) {
				event.score(score.name(), score.score());
			}
			span.log(event.build());
		}
		catch (RuntimeException ex) {
			// telemetry never replaces the score
		}
	}

}

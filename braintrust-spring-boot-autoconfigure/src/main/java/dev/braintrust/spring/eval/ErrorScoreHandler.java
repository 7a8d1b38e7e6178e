package dev.braintrust.spring.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.Span;
import org.jspecify.annotations.Nullable;

/**
 * Decides the scores of scorers that did not produce one because the task or the scorer
 * failed (the SDKs' {@code error_score_handler}). The scores it returns are logged on the
 * case's eval span and counted in the summary. Without a handler, failed scorers have no
 * score and do not count in the means.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface ErrorScoreHandler {

	/**
	 * Score the scorers that did not run or failed.
	 * @param rootSpan the case's eval span
	 * @param evalCase the case
	 * @param unhandledScorers the names of those scorers
	 * @return scores by name (null, a boolean or a number in {@code [0, 1]}), or null for
	 * none
	 */
	@Nullable Map<String, ?> handle(Span rootSpan, EvalCase<?, ?> evalCase, List<String> unhandledScorers);

	/**
	 * The handler that scores every failed scorer 0 (the TypeScript SDK's
	 * {@code defaultErrorScoreHandler}).
	 * @return the handler
	 */
	static ErrorScoreHandler zero() {
		return (rootSpan, evalCase, unhandledScorers) -> {
			Map<String, Double> scores = new LinkedHashMap<>();
			unhandledScorers.forEach((name) -> scores.put(name, 0.0));
			return scores;
		};
	}

}

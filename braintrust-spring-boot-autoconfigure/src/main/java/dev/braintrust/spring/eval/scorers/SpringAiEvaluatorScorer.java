package dev.braintrust.spring.eval.scorers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import dev.braintrust.spring.logger.BraintrustLogger;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.evaluation.EvaluationRequest;
import org.springframework.ai.evaluation.EvaluationResponse;
import org.springframework.ai.evaluation.Evaluator;

/**
 * Turns a Spring AI {@link Evaluator} ({@code RelevancyEvaluator},
 * {@code FactCheckingEvaluator} or your own) into a Braintrust {@link Scorer}.
 * <p>
 * Each case becomes an {@link EvaluationRequest}: by default the user text is the input,
 * the response is the output, and the documents are the case's {@code documents} or
 * {@code context} metadata entry, or else the expected value (a string, a
 * {@link Document}, or a collection of them); values that are not text are written as
 * JSON. {@link #withRequestMapper(Function)} replaces that mapping.
 * <p>
 * The score is the evaluator's score when it reports one in (0, 1]. Spring AI's
 * {@link EvaluationResponse} holds 0 when an evaluator reports no score (and
 * {@code FactCheckingEvaluator} never reports one), so a score of 0 is read as "no score"
 * and replaced by 1 for a pass and 0 for a fail. The pass flag, the feedback and the
 * evaluator's metadata go into the score's metadata.
 * <p>
 * The evaluation runs in a scorer span (or the eval's), so the LLM calls of a
 * model-backed evaluator are logged with {@code span_attributes.purpose = "scorer"}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SpringAiEvaluatorScorer implements Scorer {

	private final Evaluator evaluator;

	private final String name;

	private final Function<ScorerArgs, EvaluationRequest> requestMapper;

	private final @Nullable BraintrustLogger logger;

	/**
	 * Adapt an evaluator, naming the score after the evaluator's class.
	 * @param evaluator the evaluator
	 */
	public SpringAiEvaluatorScorer(Evaluator evaluator) {
		this(requireEvaluator(evaluator), defaultName(evaluator), SpringAiEvaluatorScorer::defaultRequest, null);
	}

	private SpringAiEvaluatorScorer(Evaluator evaluator, String name,
			Function<ScorerArgs, EvaluationRequest> requestMapper, @Nullable BraintrustLogger logger) {
		this.evaluator = evaluator;
		this.name = name;
		this.requestMapper = requestMapper;
		this.logger = logger;
	}

	/**
	 * A copy with another score name.
	 * @param name the name
	 * @return a new scorer
	 */
	public SpringAiEvaluatorScorer withName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A scorer name must not be blank");
		}
		return new SpringAiEvaluatorScorer(this.evaluator, name, this.requestMapper, this.logger);
	}

	/**
	 * A copy that builds the evaluation request another way.
	 * @param requestMapper turns a case into the evaluator's request
	 * @return a new scorer
	 */
	public SpringAiEvaluatorScorer withRequestMapper(Function<ScorerArgs, EvaluationRequest> requestMapper) {
		if (requestMapper == null) {
			throw new IllegalArgumentException("'requestMapper' must not be null");
		}
		return new SpringAiEvaluatorScorer(this.evaluator, this.name, requestMapper, this.logger);
	}

	/**
	 * A copy that starts its scorer spans on this logger instead of
	 * {@code Braintrust.logger()}.
	 * @param logger the logger
	 * @return a new scorer
	 */
	public SpringAiEvaluatorScorer withLogger(BraintrustLogger logger) {
		if (logger == null) {
			throw new IllegalArgumentException("'logger' must not be null");
		}
		return new SpringAiEvaluatorScorer(this.evaluator, this.name, this.requestMapper, logger);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Score score(ScorerArgs args) {
		return ScorerSpans.run(this.logger, this.name, args, () -> {
			EvaluationRequest request = this.requestMapper.apply(args);
			EvaluationResponse response = this.evaluator.evaluate(request);
			if (response == null) {
				throw new IllegalStateException("Evaluator '" + this.name + "' returned no response");
			}
			return toScore(response);
		});
	}

	private Score toScore(EvaluationResponse response) {
		double reported = response.getScore();
		double score;
		if (reported == 0) {
			// no score reported: EvaluationResponse holds 0 then, whatever the verdict
			score = response.isPass() ? 1 : 0;
		}
		else if (reported > 0 && reported <= 1) {
			score = reported;
		}
		else {
			throw new IllegalStateException("Evaluator '" + this.name + "' reported the score " + reported
					+ ", outside [0, 1]; map it with a custom Scorer instead");
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		if (response.getMetadata() != null) {
			response.getMetadata().forEach((key, value) -> {
				if (key != null && value != null) {
					metadata.put(key, value);
				}
			});
		}
		metadata.put("pass", response.isPass());
		if (response.getFeedback() != null && !response.getFeedback().isEmpty()) {
			metadata.put("feedback", response.getFeedback());
		}
		return new Score(this.name, score, metadata);
	}

	/**
	 * The default request: input as user text, output as response, documents from the
	 * {@code documents} or {@code context} metadata entry or else from the expected
	 * value.
	 * @param args the case
	 * @return the request
	 */
	public static EvaluationRequest defaultRequest(ScorerArgs args) {
		Object documents = args.metadata().containsKey("documents") ? args.metadata().get("documents")
				: args.metadata().containsKey("context") ? args.metadata().get("context") : args.expected();
		return new EvaluationRequest(text(args.input()), documents(documents), text(args.output()));
	}

	private static List<Document> documents(@Nullable Object value) {
		List<Document> documents = new ArrayList<>();
		if (value instanceof Collection<?> items) {
			for (Object item : items) {
				if (item != null) {
					documents.add(document(item));
				}
			}
		}
		else if (value != null) {
			documents.add(document(value));
		}
		return documents;
	}

	private static Document document(Object value) {
		return (value instanceof Document document) ? document : new Document(text(value));
	}

	private static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof CharSequence text) {
			return text.toString();
		}
		return PyValues.jsonText(value);
	}

	private static Evaluator requireEvaluator(@Nullable Evaluator evaluator) {
		if (evaluator == null) {
			throw new IllegalArgumentException("'evaluator' must not be null");
		}
		return evaluator;
	}

	private static String defaultName(Evaluator evaluator) {
		Class<?> type = evaluator.getClass();
		return (type.isSynthetic() || type.isAnonymousClass() || type.getSimpleName().contains("$$Lambda"))
				? "SpringAiEvaluator" : type.getSimpleName();
	}

	@Override
	public String toString() {
		return "SpringAiEvaluatorScorer[" + this.name + "]";
	}

}

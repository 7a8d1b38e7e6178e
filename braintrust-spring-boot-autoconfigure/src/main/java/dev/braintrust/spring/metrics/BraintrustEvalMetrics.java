package dev.braintrust.spring.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.braintrust.spring.eval.EvalListener;
import dev.braintrust.spring.eval.EvalResult;
import dev.braintrust.spring.eval.experiment.ScoreSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of eval runs, recorded when a run completes, all tagged with the eval's name
 * ({@code eval}):
 * <ul>
 * <li>{@code braintrust.eval.duration} (timer)</li>
 * <li>{@code braintrust.eval.cases} (counter: cases times trials run)</li>
 * <li>{@code braintrust.eval.errors} (counter: cases whose task failed)</li>
 * <li>{@code braintrust.eval.score} (gauge, also tagged {@code scorer}: the mean score of
 * the last run)</li>
 * </ul>
 * Evals and scorers are declared in code, so the tags stay few.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustEvalMetrics implements EvalListener {

	private final MeterRegistry registry;

	private final Map<List<String>, AtomicLong> scores = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry where the meters are registered
	 */
	public BraintrustEvalMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void runCompleted(EvalResult result) {
		String eval = result.evalName();
		Timer.builder("braintrust.eval.duration")
			.description("Time taken by an eval run")
			.tag("eval", eval)
			.register(this.registry)
			.record(result.duration());
		Counter.builder("braintrust.eval.cases")
			.description("Eval cases run (cases times trials)")
			.tag("eval", eval)
			.register(this.registry)
			.increment(result.cases().size());
		Counter.builder("braintrust.eval.errors")
			.description("Eval cases whose task failed")
			.tag("eval", eval)
			.register(this.registry)
			.increment(result.errorCount());
		for (Map.Entry<String, ScoreSummary> score : result.summary().scores().entrySet()) {
			lastScore(eval, score.getKey()).set(Double.doubleToLongBits(score.getValue().score()));
		}
	}

	private AtomicLong lastScore(String eval, String scorer) {
		return this.scores.computeIfAbsent(List.of(eval, scorer), (key) -> {
			AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
			Gauge.builder("braintrust.eval.score", bits, (value) -> Double.longBitsToDouble(value.get()))
				.description("Mean score of the last run of an eval")
				.tag("eval", eval)
				.tag("scorer", scorer)
				.register(this.registry);
			return bits;
		});
	}

}

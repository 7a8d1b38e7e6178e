package dev.braintrust.spring.eval.scorers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

/**
 * Relative closeness of two numbers: autoevals' {@code NumericDiff}. The score is 1 when
 * both are 0, else {@code 1 - |expected - output| / (|expected| + |output|)}, computed on
 * values scaled by the larger magnitude so that extreme finite values cannot overflow.
 * Numbers of opposite signs score 0. As in Python, a boolean counts as 0 or 1.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class NumericDiff implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "NumericDiff";

	/**
	 * Create the scorer.
	 */
	public NumericDiff() {
	}

	/**
	 * Score an output against the expected value.
	 * @param output the output, a number
	 * @param expected the expected value, a number
	 * @return the similarity in [0, 1]
	 * @throws IllegalArgumentException when a value is missing, not a number, NaN or
	 * infinite
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		if (expected == null) {
			throw new IllegalArgumentException("NumericDiff requires an expected value");
		}
		Object o = number("output", output);
		Object e = number("expected", expected);
		double od = PyValues.toDouble(o);
		double ed = PyValues.toDouble(e);
		if (Double.isInfinite(od) || Double.isInfinite(ed)) {
			// only huge Python ints get here: scale them exactly
			return scaledBig(big(o), big(e));
		}
		if (ed == 0 && od == 0) {
			return 1;
		}
		double scale = Math.max(Math.abs(ed), Math.abs(od));
		double es = ed / scale;
		double os = od / scale;
		return 1 - Math.abs(es - os) / (Math.abs(es) + Math.abs(os));
	}

	@Override
	public Score score(ScorerArgs args) {
		return Score.of(NAME, score(args.output(), args.expected()));
	}

	@Override
	public String name() {
		return NAME;
	}

	private static Object number(String role, @Nullable Object value) {
		Object canonical = PyValues.canonical(value);
		if (!PyValues.isNumber(canonical)) {
			throw new IllegalArgumentException("NumericDiff compares numbers, but the " + role + " is "
					+ ((value != null) ? value.getClass().getSimpleName() + " " + PyValues.repr(canonical) : "null")
					+ "; convert it to a number first");
		}
		if (canonical instanceof Double d && (d.isNaN() || d.isInfinite())) {
			throw new IllegalArgumentException("NumericDiff compares finite numbers, but the " + role + " is " + d);
		}
		return canonical;
	}

	private static BigDecimal big(Object number) {
		if (number instanceof BigInteger big) {
			return new BigDecimal(big);
		}
		return BigDecimal.valueOf(PyValues.toDouble(number));
	}

	private static double scaledBig(BigDecimal o, BigDecimal e) {
		BigDecimal scale = o.abs().max(e.abs());
		BigDecimal es = e.divide(scale, MathContext.DECIMAL128);
		BigDecimal os = o.divide(scale, MathContext.DECIMAL128);
		BigDecimal sum = es.abs().add(os.abs());
		return 1 - es.subtract(os).abs().divide(sum, MathContext.DECIMAL128).doubleValue();
	}

	@Override
	public String toString() {
		return NAME;
	}

}

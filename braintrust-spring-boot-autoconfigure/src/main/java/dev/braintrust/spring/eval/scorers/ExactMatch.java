package dev.braintrust.spring.eval.scorers;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

/**
 * Whether the output equals the expected value: autoevals' {@code ExactMatch}. When
 * either side is an object or a list, both sides are compared as JSON text
 * ({@code json.dumps}, keys in their original order, so key order matters); a string
 * holding JSON is parsed and re-serialized first. Otherwise both sides are compared as
 * Python's {@code str()} of the value, so {@code 123} equals {@code "123"}, {@code null}
 * equals {@code "None"} and {@code 1} does not equal {@code 1.0}.
 * <p>
 * One deliberate difference: when one side is an object or list and the other is a
 * number, boolean or null, Python raises a {@code TypeError}; this scorer returns 0, as
 * autoevals' TypeScript version does.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ExactMatch implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "ExactMatch";

	/**
	 * Create the scorer.
	 */
	public ExactMatch() {
	}

	/**
	 * Score an output against the expected value.
	 * @param output the output
	 * @param expected the expected value
	 * @return 1 when equal, else 0
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		Object o = PyValues.canonical(output);
		Object e = PyValues.canonical(expected);
		boolean maybeObject = needsJson(o) || needsJson(e);
		return normalize(o, maybeObject).equals(normalize(e, maybeObject)) ? 1 : 0;
	}

	@Override
	public Score score(ScorerArgs args) {
		return Score.of(NAME, score(args.output(), args.expected()));
	}

	@Override
	public String name() {
		return NAME;
	}

	private static boolean needsJson(@Nullable Object value) {
		return PyValues.isDict(value) || PyValues.isList(value);
	}

	private static String normalize(@Nullable Object value, boolean maybeObject) {
		if (needsJson(value)) {
			return PyValues.dumps(value);
		}
		if (maybeObject) {
			if (value instanceof String text) {
				try {
					return PyValues.dumps(PyValues.loads(text));
				}
				catch (PyValues.JsonDecodeException ex) {
					return text;
				}
			}
			// Python's json.loads raises TypeError here; TypeScript serializes the value
			return PyValues.dumps(value);
		}
		return PyValues.str(value);
	}

	@Override
	public String toString() {
		return NAME;
	}

}

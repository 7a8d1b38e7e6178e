package dev.braintrust.spring.eval;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a scorer sees of one eval case: the input, the task's output, the expected output
 * and the case's metadata.
 *
 * @param input the case input
 * @param output the task's output
 * @param expected the expected output, or null
 * @param metadata the case metadata
 * @author Braintrust
 * @since 0.1.0
 */
public record ScorerArgs(@Nullable Object input, @Nullable Object output, @Nullable Object expected,
		Map<String, Object> metadata) {

	/**
	 * Arguments without input or metadata, for scoring an output against an expected
	 * value.
	 * @param output the output
	 * @param expected the expected value
	 * @return the arguments
	 */
	public static ScorerArgs of(@Nullable Object output, @Nullable Object expected) {
		return new ScorerArgs(null, output, expected, Map.of());
	}

}

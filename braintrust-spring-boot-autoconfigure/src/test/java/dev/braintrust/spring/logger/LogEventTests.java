package dev.braintrust.spring.logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LogEvent}.
 *
 * @author Braintrust
 */
class LogEventTests {

	@Test
	void scoresAcceptNullBooleansAndNumbersInRange() {
		LogEvent event = LogEvent.builder()
			.score("a", null)
			.score("b", true)
			.score("c", false)
			.score("d", 0.25)
			.build();
		assertThat(event.scores()).containsEntry("a", null)
			.containsEntry("b", 1.0)
			.containsEntry("c", 0.0)
			.containsEntry("d", 0.25);
	}

	@Test
	void nanScoreIsRejectedWithItsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().score("accuracy", Double.NaN))
			.withMessage("Score 'accuracy' must be a number between 0 and 1, was NaN");
	}

	@Test
	void infiniteAndOutOfRangeScoresAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogEvent.builder().score("recall", Double.POSITIVE_INFINITY))
			.withMessageContaining("'recall'")
			.withMessageContaining("Infinity");
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().score("f1", 1.5))
			.withMessage("Score 'f1' must be a number between 0 and 1, was 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().score("f1", -0.1))
			.withMessageContaining("-0.1");
	}

	@Test
	void nonNumericScoreIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().score("label", "high"))
			.withMessageContaining("'label'")
			.withMessageContaining("java.lang.String");
	}

	@Test
	void metadataKeysMustBeStrings() {
		Map<Object, Object> metadata = new HashMap<>();
		metadata.put(42, "answer");
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().metadata(metadata))
			.withMessage("Metadata keys must be strings, found 42 (java.lang.Integer)");
	}

	@Test
	void tagsMustBeUniqueStrings() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().tags(List.of("a", "b", "a")))
			.withMessage("Tags must be unique, 'a' appears more than once");
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().tags(List.of("a", 7)))
			.withMessageContaining("Tags must be strings");
	}

	@Test
	void metricsMustBeFinite() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogEvent.builder().metric("latency", Double.NaN))
			.withMessage("Metric 'latency' must be a finite number, was NaN");
	}

	@Test
	void errorFromThrowableHasTypeMessageAndStackTrace() {
		LogEvent event = LogEvent.builder().error(new IllegalStateException("boom")).build();
		assertThat((String) event.error()).startsWith("java.lang.IllegalStateException: boom\n\n")
			.contains("at dev.braintrust.spring.logger.LogEventTests");
	}

	@Test
	void unsetFieldsAreDistinguishedFromNull() {
		LogEvent event = LogEvent.builder().output(null).build();
		assertThat(event.hasOutput()).isTrue();
		assertThat(event.hasInput()).isFalse();
	}

}

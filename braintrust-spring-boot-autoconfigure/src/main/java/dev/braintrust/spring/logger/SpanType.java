package dev.braintrust.spring.logger;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The span types Braintrust knows ({@code span_attributes.type}, OpenAPI
 * {@code SpanType}).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public enum SpanType {

	/** A call to a language model. */
	LLM,
	/** A scorer run by an eval. */
	SCORE,
	/** A function call, the default of {@code @Traced}. */
	FUNCTION,
	/** The root span of one eval case. */
	EVAL,
	/** A unit of work, such as an eval's task or a request handler. */
	TASK,
	/** A tool call. */
	TOOL,
	/** An automation. */
	AUTOMATION,
	/** A facet. */
	FACET,
	/** A preprocessor. */
	PREPROCESSOR,
	/** A classifier. */
	CLASSIFIER,
	/** A review. */
	REVIEW;

	// computed once: spans are started on the application's threads
	private final String wireValue = name().toLowerCase(Locale.ROOT);

	/**
	 * The value written in rows.
	 * @return the lower-case wire value
	 */
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Parse a wire value.
	 * @param value a wire value such as {@code "llm"}
	 * @return the type, or {@code null} when {@code value} is null or blank
	 * @throws IllegalArgumentException when the value is not a span type
	 */
	public static @Nullable SpanType fromWireValue(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (SpanType type : values()) {
			if (type.wireValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown span type '" + value + "'; expected one of llm, score, function, "
				+ "eval, task, tool, automation, facet, preprocessor, classifier, review");
	}

}

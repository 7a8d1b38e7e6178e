package dev.braintrust.spring.logger;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a caller logs on a span or a project: input, output, expected, error, scores,
 * metadata, metrics and tags. Validation follows the official SDKs and happens as the
 * event is built, so a mistake is reported at the line that made it: scores are null,
 * booleans or numbers in {@code [0, 1]}; metric values are finite numbers; tags are
 * unique non-null strings. Values are captured (deep-copied to JSON) when the event is
 * logged.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class LogEvent {

	/** Marks a field that was not set, as opposed to one set to {@code null}. */
	static final Object UNSET = new Object();

	private final Object input;

	private final Object output;

	private final Object expected;

	private final Object error;

	private final Map<String, @Nullable Double> scores;

	private final Map<String, @Nullable Object> metadata;

	private final Map<String, Number> metrics;

	private final Set<String> tags;

	private final @Nullable String id;

	private LogEvent(Builder builder) {
		this.input = builder.input;
		this.output = builder.output;
		this.expected = builder.expected;
		this.error = builder.error;
		// most events carry none of these: share the empty ones rather than copy
		this.scores = builder.scores.isEmpty() ? Collections.emptyMap()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.scores));
		this.metadata = builder.metadata.isEmpty() ? Collections.emptyMap()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
		this.metrics = builder.metrics.isEmpty() ? Collections.emptyMap()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.metrics));
		this.tags = builder.tags.isEmpty() ? Collections.emptySet()
				: Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
		this.id = builder.id;
	}

	/**
	 * Start building an event.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether the input was set.
	 * @return true when set, even to null
	 */
	public boolean hasInput() {
		return this.input != UNSET;
	}

	/**
	 * The input.
	 * @return the input, or null when unset
	 */
	public @Nullable Object input() {
		return unset(this.input);
	}

	/**
	 * Whether the output was set.
	 * @return true when set, even to null
	 */
	public boolean hasOutput() {
		return this.output != UNSET;
	}

	/**
	 * The output.
	 * @return the output, or null when unset
	 */
	public @Nullable Object output() {
		return unset(this.output);
	}

	/**
	 * Whether the expected value was set.
	 * @return true when set, even to null
	 */
	public boolean hasExpected() {
		return this.expected != UNSET;
	}

	/**
	 * The expected output.
	 * @return the expected output, or null when unset
	 */
	public @Nullable Object expected() {
		return unset(this.expected);
	}

	/**
	 * Whether the error was set.
	 * @return true when set
	 */
	public boolean hasError() {
		return this.error != UNSET;
	}

	/**
	 * The error: a string, or any JSON-able value.
	 * @return the error, or null when unset
	 */
	public @Nullable Object error() {
		return unset(this.error);
	}

	/**
	 * The scores, each null or in {@code [0, 1]}.
	 * @return the scores
	 */
	public Map<String, @Nullable Double> scores() {
		return this.scores;
	}

	/**
	 * The metadata.
	 * @return the metadata
	 */
	public Map<String, @Nullable Object> metadata() {
		return this.metadata;
	}

	/**
	 * The metrics.
	 * @return the metrics
	 */
	public Map<String, Number> metrics() {
		return this.metrics;
	}

	/**
	 * The tags.
	 * @return the tags, in the order given
	 */
	public Set<String> tags() {
		return this.tags;
	}

	/**
	 * The row id requested for a top-level log, if any.
	 * @return the id or null
	 */
	public @Nullable String id() {
		return this.id;
	}

	private static @Nullable Object unset(Object value) {
		return (value != UNSET) ? value : null;
	}

	/**
	 * Format an exception the way the error field shows it: the type and message on the
	 * first line, then the stack trace.
	 * @param throwable the exception
	 * @return the error text
	 */
	public static String formatError(Throwable throwable) {
		StringWriter trace = new StringWriter();
		throwable.printStackTrace(new PrintWriter(trace));
		String message = throwable.getMessage();
		return throwable.getClass().getName() + ((message != null) ? ": " + message : "") + "\n\n" + trace;
	}

	/**
	 * Builds a {@link LogEvent}.
	 */
	public static final class Builder {

		private Object input = UNSET;

		private Object output = UNSET;

		private Object expected = UNSET;

		private Object error = UNSET;

		private final Map<String, @Nullable Double> scores = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

		private final Map<String, Number> metrics = new LinkedHashMap<>();

		private final Set<String> tags = new LinkedHashSet<>();

		private @Nullable String id;

		private Builder() {
		}

		/**
		 * Set the input.
		 * @param input any value
		 * @return this builder
		 */
		public Builder input(@Nullable Object input) {
			this.input = input;
			return this;
		}

		/**
		 * Set the output.
		 * @param output any value
		 * @return this builder
		 */
		public Builder output(@Nullable Object output) {
			this.output = output;
			return this;
		}

		/**
		 * Set the expected output.
		 * @param expected any value
		 * @return this builder
		 */
		public Builder expected(@Nullable Object expected) {
			this.expected = expected;
			return this;
		}

		/**
		 * Set the error. A {@link Throwable} is written as its type, message and stack
		 * trace.
		 * @param error a throwable, a message, or any value
		 * @return this builder
		 */
		public Builder error(@Nullable Object error) {
			this.error = (error instanceof Throwable throwable) ? formatError(throwable) : error;
			return this;
		}

		/**
		 * Add a score.
		 * @param name the score name
		 * @param value null, a boolean (1 or 0) or a number in {@code [0, 1]}
		 * @return this builder
		 * @throws IllegalArgumentException when the value is out of range or not a number
		 */
		public Builder score(String name, @Nullable Object value) {
			this.scores.put(requireKey("Score", name), validateScore(name, value));
			return this;
		}

		/**
		 * Add scores.
		 * @param scores names to scores, each null, a boolean or a number in
		 * {@code [0, 1]}
		 * @return this builder
		 * @throws IllegalArgumentException when a score is invalid
		 */
		public Builder scores(Map<?, ?> scores) {
			scores.forEach((name, value) -> score(keyOf("Score", name), value));
			return this;
		}

		/**
		 * Add a metadata entry.
		 * @param key the key
		 * @param value any value
		 * @return this builder
		 */
		public Builder metadata(String key, @Nullable Object value) {
			this.metadata.put(requireKey("Metadata", key), value);
			return this;
		}

		/**
		 * Add metadata entries.
		 * @param metadata a map with string keys
		 * @return this builder
		 * @throws IllegalArgumentException when a key is not a string
		 */
		public Builder metadata(Map<?, ?> metadata) {
			metadata.forEach((key, value) -> metadata(keyOf("Metadata", key), value));
			return this;
		}

		/**
		 * Add a metric.
		 * @param name the metric name
		 * @param value a finite number
		 * @return this builder
		 * @throws IllegalArgumentException when the value is not finite
		 */
		public Builder metric(String name, Number value) {
			requireKey("Metric", name);
			if (value == null) {
				throw new IllegalArgumentException("Metric '" + name + "' must be a number, was null");
			}
			double number = value.doubleValue();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				throw new IllegalArgumentException("Metric '" + name + "' must be a finite number, was " + value);
			}
			this.metrics.put(name, value);
			return this;
		}

		/**
		 * Add metrics.
		 * @param metrics names to finite numbers
		 * @return this builder
		 */
		public Builder metrics(Map<?, ?> metrics) {
			metrics.forEach((name, value) -> {
				if (!(value instanceof Number number)) {
					throw new IllegalArgumentException("Metric '" + name + "' must be a number, was "
							+ ((value != null) ? value.getClass().getName() : "null"));
				}
				metric(keyOf("Metric", name), number);
			});
			return this;
		}

		/**
		 * Add a tag.
		 * @param tag a tag, unique within the event
		 * @return this builder
		 * @throws IllegalArgumentException when the tag is null or repeated
		 */
		public Builder tag(String tag) {
			if (tag == null) {
				throw new IllegalArgumentException("Tags must be strings, found null");
			}
			if (!this.tags.add(tag)) {
				throw new IllegalArgumentException("Tags must be unique, '" + tag + "' appears more than once");
			}
			return this;
		}

		/**
		 * Add tags.
		 * @param tags unique strings
		 * @return this builder
		 */
		public Builder tags(Collection<?> tags) {
			for (Object tag : tags) {
				if (tag != null && !(tag instanceof String)) {
					throw new IllegalArgumentException(
							"Tags must be strings, found " + tag + " (" + tag.getClass().getName() + ")");
				}
				tag((String) tag);
			}
			return this;
		}

		/**
		 * Set the row id of a top-level log. Spans choose their own ids.
		 * @param id the row id
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Build the event.
		 * @return the event
		 */
		public LogEvent build() {
			return new LogEvent(this);
		}

		private static String requireKey(String kind, @Nullable String key) {
			if (key == null) {
				throw new IllegalArgumentException(kind + " names must be strings, found null");
			}
			return key;
		}

		private static String keyOf(String kind, @Nullable Object key) {
			if (!(key instanceof String string)) {
				throw new IllegalArgumentException(kind + " keys must be strings, found " + key
						+ ((key != null) ? " (" + key.getClass().getName() + ")" : ""));
			}
			return string;
		}

	}

	/**
	 * Check a score the way the official SDKs do.
	 * @param name the score name, for the message
	 * @param value the value
	 * @return the score as a double, or null
	 * @throws IllegalArgumentException when the value is not a valid score
	 */
	public static @Nullable Double validateScore(String name, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean bool) {
			return bool ? 1.0 : 0.0;
		}
		if (!(value instanceof Number number)) {
			throw new IllegalArgumentException("Score '" + name + "' must be a number between 0 and 1, a boolean or "
					+ "null, was " + value.getClass().getName());
		}
		double score = number.doubleValue();
		if (Double.isNaN(score) || score < 0 || score > 1) {
			throw new IllegalArgumentException(
					"Score '" + name + "' must be a number between 0 and 1, was " + formatNumber(score));
		}
		return score;
	}

	private static String formatNumber(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		return Double.toString(value);
	}

}

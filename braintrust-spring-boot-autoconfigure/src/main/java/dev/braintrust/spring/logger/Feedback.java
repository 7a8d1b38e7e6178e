package dev.braintrust.spring.logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Feedback on a logged row: scores, a corrected expected value, tags, a comment, with
 * audit metadata and a source, as the Python SDK's {@code log_feedback}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Feedback {

	private final String id;

	private final Map<String, @Nullable Double> scores;

	private final @Nullable Object expected;

	private final boolean hasExpected;

	private final Set<String> tags;

	private final @Nullable String comment;

	private final Map<String, Object> metadata;

	private final String source;

	private Feedback(Builder builder) {
		this.id = builder.id;
		this.scores = Collections.unmodifiableMap(new LinkedHashMap<>(builder.scores));
		this.expected = builder.expected;
		this.hasExpected = builder.hasExpected;
		this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(builder.tags));
		this.comment = builder.comment;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
		this.source = builder.source;
	}

	/**
	 * Start feedback on a row.
	 * @param rowId the id of the row (a span's {@link Span#id()}, or what {@code log}
	 * returned)
	 * @return a builder
	 */
	public static Builder forRow(String rowId) {
		return new Builder(rowId);
	}

	/**
	 * The row id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The scores.
	 * @return the scores
	 */
	public Map<String, @Nullable Double> scores() {
		return this.scores;
	}

	/**
	 * Whether an expected value was given.
	 * @return true when given
	 */
	public boolean hasExpected() {
		return this.hasExpected;
	}

	/**
	 * The expected value.
	 * @return the value or null
	 */
	public @Nullable Object expected() {
		return this.expected;
	}

	/**
	 * The tags.
	 * @return the tags
	 */
	public Set<String> tags() {
		return this.tags;
	}

	/**
	 * The comment.
	 * @return the comment or null
	 */
	public @Nullable String comment() {
		return this.comment;
	}

	/**
	 * Audit metadata about the feedback itself.
	 * @return the metadata
	 */
	public Map<String, Object> metadata() {
		return this.metadata;
	}

	/**
	 * Where the feedback comes from: {@code external}, {@code app} or {@code api}.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	/**
	 * This feedback for another row.
	 * @param rowId the row id
	 * @return a copy with the new id
	 */
	public Feedback withId(String rowId) {
		Builder builder = new Builder(rowId);
		builder.scores.putAll(this.scores);
		builder.expected = this.expected;
		builder.hasExpected = this.hasExpected;
		builder.tags.addAll(this.tags);
		builder.comment = this.comment;
		builder.metadata.putAll(this.metadata);
		builder.source = this.source;
		return builder.build();
	}

	/**
	 * Builds {@link Feedback}.
	 */
	public static final class Builder {

		private final String id;

		private final Map<String, @Nullable Double> scores = new LinkedHashMap<>();

		private @Nullable Object expected;

		private boolean hasExpected;

		private final Set<String> tags = new LinkedHashSet<>();

		private @Nullable String comment;

		private final Map<String, Object> metadata = new LinkedHashMap<>();

		private String source = "external";

		private Builder(String id) {
			if (id == null || id.isBlank()) {
				throw new IllegalArgumentException("Feedback needs the id of the row it is about");
			}
			this.id = id;
		}

		/**
		 * Add a score.
		 * @param name the name
		 * @param value null, a boolean, or a number in {@code [0, 1]}
		 * @return this builder
		 */
		public Builder score(String name, @Nullable Object value) {
			this.scores.put(name, LogEvent.validateScore(name, value));
			return this;
		}

		/**
		 * Set the expected value.
		 * @param expected the value
		 * @return this builder
		 */
		public Builder expected(@Nullable Object expected) {
			this.expected = expected;
			this.hasExpected = true;
			return this;
		}

		/**
		 * Add a tag.
		 * @param tag the tag
		 * @return this builder
		 */
		public Builder tag(String tag) {
			if (!this.tags.add(tag)) {
				throw new IllegalArgumentException("Tags must be unique, '" + tag + "' appears more than once");
			}
			return this;
		}

		/**
		 * Set the comment.
		 * @param comment the comment
		 * @return this builder
		 */
		public Builder comment(@Nullable String comment) {
			this.comment = comment;
			return this;
		}

		/**
		 * Add audit metadata.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, Object value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Set the source.
		 * @param source {@code external} (the default), {@code app} or {@code api}
		 * @return this builder
		 */
		public Builder source(String source) {
			String normalized = source.toLowerCase(Locale.ROOT);
			if (!Set.of("external", "app", "api").contains(normalized)) {
				throw new IllegalArgumentException(
						"Feedback source must be one of external, app, api; was '" + source + "'");
			}
			this.source = normalized;
			return this;
		}

		/**
		 * Build the feedback.
		 * @return the feedback
		 * @throws IllegalArgumentException when it carries nothing
		 */
		public Feedback build() {
			if (this.scores.isEmpty() && !this.hasExpected && this.tags.isEmpty() && this.comment == null) {
				throw new IllegalArgumentException(
						"Feedback must carry at least one of scores, expected, tags or a comment");
			}
			return new Feedback(this);
		}

	}

}

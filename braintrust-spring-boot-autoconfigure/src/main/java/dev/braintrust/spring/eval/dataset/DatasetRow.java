package dev.braintrust.spring.eval.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A dataset record to insert, or the fields of one to update: only the fields that were
 * set are written.
 *
 * <pre class="code">
 * dataset.insert(DatasetRow.builder().input(question).expected(answer).metadata("source", "docs").build());
 * dataset.update(id, DatasetRow.builder().expected(betterAnswer).build());
 * </pre>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class DatasetRow {

	private final @Nullable String id;

	private final boolean hasInput;

	private final @Nullable Object input;

	private final boolean hasExpected;

	private final @Nullable Object expected;

	private final @Nullable Map<String, @Nullable Object> metadata;

	private final @Nullable List<String> tags;

	private DatasetRow(Builder builder) {
		this.id = builder.id;
		this.hasInput = builder.hasInput;
		this.input = builder.input;
		this.hasExpected = builder.hasExpected;
		this.expected = builder.expected;
		this.metadata = (builder.metadata != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata))
				: null;
		this.tags = (builder.tags != null) ? List.copyOf(builder.tags) : null;
	}

	/**
	 * A row with an input and an expected output.
	 * @param input the input
	 * @param expected the expected output
	 * @return the row
	 */
	public static DatasetRow of(@Nullable Object input, @Nullable Object expected) {
		return builder().input(input).expected(expected).build();
	}

	/**
	 * A builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The record id, if one was chosen.
	 * @return the id or null for a generated one
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Whether the input was set.
	 * @return true when set
	 */
	public boolean hasInput() {
		return this.hasInput;
	}

	/**
	 * The input.
	 * @return the input or null
	 */
	public @Nullable Object input() {
		return this.input;
	}

	/**
	 * Whether the expected output was set.
	 * @return true when set
	 */
	public boolean hasExpected() {
		return this.hasExpected;
	}

	/**
	 * The expected output.
	 * @return the expected output or null
	 */
	public @Nullable Object expected() {
		return this.expected;
	}

	/**
	 * The metadata, if set.
	 * @return the metadata or null
	 */
	public @Nullable Map<String, @Nullable Object> metadata() {
		return this.metadata;
	}

	/**
	 * The tags, if set.
	 * @return the tags or null
	 */
	public @Nullable List<String> tags() {
		return this.tags;
	}

	/**
	 * Builds a {@link DatasetRow}.
	 */
	public static final class Builder {

		private @Nullable String id;

		private boolean hasInput;

		private @Nullable Object input;

		private boolean hasExpected;

		private @Nullable Object expected;

		private @Nullable Map<String, @Nullable Object> metadata;

		private @Nullable List<String> tags;

		private Builder() {
		}

		/**
		 * Choose the record id; inserting with an existing id replaces that record.
		 * @param id the id
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Set the input.
		 * @param input any JSON-able value
		 * @return this builder
		 */
		public Builder input(@Nullable Object input) {
			this.hasInput = true;
			this.input = input;
			return this;
		}

		/**
		 * Set the expected output.
		 * @param expected any JSON-able value
		 * @return this builder
		 */
		public Builder expected(@Nullable Object expected) {
			this.hasExpected = true;
			this.expected = expected;
			return this;
		}

		/**
		 * Add a metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, @Nullable Object value) {
			if (this.metadata == null) {
				this.metadata = new LinkedHashMap<>();
			}
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Set the metadata.
		 * @param metadata the metadata
		 * @return this builder
		 */
		public Builder metadata(Map<String, ?> metadata) {
			this.metadata = new LinkedHashMap<>(metadata);
			return this;
		}

		/**
		 * Set the tags.
		 * @param tags unique tags
		 * @return this builder
		 * @throws IllegalArgumentException when a tag is null or repeated
		 */
		public Builder tags(Collection<String> tags) {
			Set<String> unique = new LinkedHashSet<>();
			for (String tag : tags) {
				if (tag == null || !unique.add(tag)) {
					throw new IllegalArgumentException("Dataset tags must be unique, non-null strings, got " + tags);
				}
			}
			this.tags = new ArrayList<>(unique);
			return this;
		}

		/**
		 * Set the tags.
		 * @param tags unique tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			return tags(List.of(tags));
		}

		/**
		 * Build the row.
		 * @return the row
		 */
		public DatasetRow build() {
			return new DatasetRow(this);
		}

	}

}

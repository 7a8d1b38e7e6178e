package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One case of an eval: an input for the task, optionally the expected output, metadata,
 * tags and an id.
 *
 * @param input the input given to the task
 * @param expected the expected output, or null
 * @param metadata metadata of the case, logged on its eval span and given to scorers
 * @param tags tags of the case, logged on its eval span
 * @param id the case id, if it has one (a dataset record's id, say)
 * @param origin the record the case was read from, or null
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 * @since 0.1.0
 */
public record EvalCase<I, O>(I input, @Nullable O expected, Map<String, @Nullable Object> metadata, List<String> tags,
		@Nullable String id, @Nullable EvalCaseOrigin origin) {

	/**
	 * Create a case, copying metadata and tags.
	 * @param input the input
	 * @param expected the expected output
	 * @param metadata the metadata
	 * @param tags the tags
	 * @param id the id
	 * @param origin the origin
	 */
	public EvalCase {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		tags = List.copyOf(new LinkedHashSet<>(tags));
	}

	/**
	 * A case with an input only.
	 * @param input the input
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the case
	 */
	public static <I, O> EvalCase<I, O> of(I input) {
		return new EvalCase<>(input, null, Map.of(), List.of(), null, null);
	}

	/**
	 * A case with an input and the expected output.
	 * @param input the input
	 * @param expected the expected output
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the case
	 */
	public static <I, O> EvalCase<I, O> of(I input, @Nullable O expected) {
		return new EvalCase<>(input, expected, Map.of(), List.of(), null, null);
	}

	/**
	 * Start building a case.
	 * @param input the input
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return a builder
	 */
	public static <I, O> Builder<I, O> builder(I input) {
		return new Builder<>(input);
	}

	/**
	 * Builds an {@link EvalCase}.
	 *
	 * @param <I> the input type
	 * @param <O> the expected output type
	 */
	public static final class Builder<I, O> {

		private final I input;

		private @Nullable O expected;

		private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

		private final List<String> tags = new ArrayList<>();

		private @Nullable String id;

		private @Nullable EvalCaseOrigin origin;

		private Builder(I input) {
			this.input = input;
		}

		/**
		 * Set the expected output.
		 * @param expected the expected output
		 * @return this builder
		 */
		public Builder<I, O> expected(@Nullable O expected) {
			this.expected = expected;
			return this;
		}

		/**
		 * Add a metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder<I, O> metadata(String key, @Nullable Object value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Add metadata entries.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder<I, O> metadata(Map<String, ?> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Add tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder<I, O> tags(Collection<String> tags) {
			this.tags.addAll(tags);
			return this;
		}

		/**
		 * Add tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder<I, O> tags(String... tags) {
			return tags(List.of(tags));
		}

		/**
		 * Set the id.
		 * @param id the id
		 * @return this builder
		 */
		public Builder<I, O> id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Set the origin.
		 * @param origin the record the case was read from
		 * @return this builder
		 */
		public Builder<I, O> origin(@Nullable EvalCaseOrigin origin) {
			this.origin = origin;
			return this;
		}

		/**
		 * Build the case.
		 * @return the case
		 */
		public EvalCase<I, O> build() {
			return new EvalCase<>(this.input, this.expected, this.metadata, this.tags, this.id, this.origin);
		}

	}

}

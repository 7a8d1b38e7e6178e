package dev.braintrust.spring.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.braintrust.spring.logger.LogEvent;
import org.jspecify.annotations.Nullable;

/**
 * A named score in {@code [0, 1]} (or null, meaning "not applicable"), with optional
 * metadata such as an LLM judge's rationale.
 *
 * @param name the score name
 * @param score the score, or null
 * @param metadata extra information about the score
 * @author Braintrust
 * @since 0.1.0
 */
public record Score(String name, @Nullable Double score, Map<String, Object> metadata) {

	/**
	 * Create a score, checking its range.
	 * @param name the score name
	 * @param score the score, or null
	 * @param metadata extra information
	 * @throws IllegalArgumentException when the name is blank or the score is NaN or
	 * outside {@code [0, 1]}
	 */
	public Score {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A score needs a name");
		}
		score = LogEvent.validateScore(name, score);
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * A score without metadata.
	 * @param name the name
	 * @param score the score, or null
	 * @return the score
	 */
	public static Score of(String name, @Nullable Double score) {
		return new Score(name, score, Map.of());
	}

	/**
	 * This score with an extra metadata entry.
	 * @param key the key
	 * @param value the value
	 * @return a new score
	 */
	public Score withMetadata(String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.metadata);
		copy.put(key, value);
		return new Score(this.name, this.score, copy);
	}

	/**
	 * This score under another name.
	 * @param newName the name
	 * @return a new score
	 */
	public Score withName(String newName) {
		return new Score(newName, this.score, this.metadata);
	}

}

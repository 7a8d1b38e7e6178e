package dev.braintrust.spring.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of an eval run (a model name, a prompt version, a temperature), given to
 * the task through {@link EvalHooks#parameters()} and recorded in the experiment's
 * metadata under {@code parameters}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EvalParameters {

	private static final EvalParameters EMPTY = new EvalParameters(Map.of());

	private final Map<String, @Nullable Object> values;

	private EvalParameters(Map<String, ?> values) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/**
	 * Parameters with the given values.
	 * @param values the values
	 * @return the parameters
	 */
	public static EvalParameters of(Map<String, ?> values) {
		return values.isEmpty() ? EMPTY : new EvalParameters(values);
	}

	/**
	 * No parameters.
	 * @return the empty parameters
	 */
	public static EvalParameters empty() {
		return EMPTY;
	}

	/**
	 * A parameter.
	 * @param name the name
	 * @return the value, or null when not set
	 */
	public @Nullable Object get(String name) {
		return this.values.get(name);
	}

	/**
	 * A parameter of a type.
	 * @param name the name
	 * @param type the type
	 * @param <T> the type
	 * @return the value, or null when not set
	 * @throws IllegalArgumentException when the value has another type
	 */
	public <T> @Nullable T get(String name, Class<T> type) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		if (!type.isInstance(value)) {
			throw new IllegalArgumentException(
					"Eval parameter '" + name + "' is a " + value.getClass().getName() + ", not a " + type.getName());
		}
		return type.cast(value);
	}

	/**
	 * A parameter, or a default when it is not set.
	 * @param name the name
	 * @param defaultValue the default
	 * @param <T> the type
	 * @return the value or the default
	 */
	@SuppressWarnings("unchecked")
	public <T> T getOrDefault(String name, T defaultValue) {
		Object value = this.values.get(name);
		return (value != null) ? (T) defaultValue.getClass().cast(value) : defaultValue;
	}

	/**
	 * The parameters as a map.
	 * @return an unmodifiable map
	 */
	public Map<String, @Nullable Object> asMap() {
		return this.values;
	}

	/**
	 * Whether there are no parameters.
	 * @return true when empty
	 */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * These parameters with others on top.
	 * @param overrides the values that win
	 * @return the combined parameters
	 */
	public EvalParameters with(Map<String, ?> overrides) {
		if (overrides.isEmpty()) {
			return this;
		}
		Map<String, @Nullable Object> combined = new LinkedHashMap<>(this.values);
		combined.putAll(overrides);
		return new EvalParameters(combined);
	}

	@Override
	public String toString() {
		return "EvalParameters" + this.values;
	}

}

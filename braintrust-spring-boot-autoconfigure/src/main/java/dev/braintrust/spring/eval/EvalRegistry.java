package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The evals of the application, by name. In a Spring application the
 * {@link EvalMethodProcessor} fills it once every singleton bean exists; after that it
 * does not change.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EvalRegistry {

	private volatile @Nullable Map<String, RegisteredEval> evals;

	/**
	 * Create an empty registry, to be filled by the {@link EvalMethodProcessor}.
	 */
	public EvalRegistry() {
	}

	/**
	 * Create a registry holding the given evals.
	 * @param evals the evals
	 * @throws IllegalStateException when two evals have the same name
	 */
	public EvalRegistry(Collection<RegisteredEval> evals) {
		register(evals);
	}

	/**
	 * Fill the registry, once.
	 * @param evals the evals
	 * @throws IllegalStateException when the registry was already filled or two evals
	 * have the same name
	 */
	synchronized void register(Collection<RegisteredEval> evals) {
		if (this.evals != null) {
			throw new IllegalStateException("The eval registry has already been filled");
		}
		Map<String, RegisteredEval> byName = new LinkedHashMap<>();
		for (RegisteredEval eval : evals) {
			RegisteredEval existing = byName.putIfAbsent(eval.name(), eval);
			if (existing != null) {
				throw new IllegalStateException("Two evals are named '" + eval.name() + "': " + existing.source()
						+ " and " + eval.source() + "; give one of them another name with @Eval(name = ...)");
			}
		}
		this.evals = Collections.unmodifiableMap(byName);
	}

	/**
	 * The names of the evals, in the order they were found.
	 * @return the names
	 */
	public List<String> names() {
		return new ArrayList<>(evals().keySet());
	}

	/**
	 * All evals.
	 * @return the evals
	 */
	public List<RegisteredEval> all() {
		return new ArrayList<>(evals().values());
	}

	/**
	 * Find an eval.
	 * @param name the name
	 * @return the eval, if registered
	 */
	public Optional<RegisteredEval> find(String name) {
		return Optional.ofNullable(evals().get(name));
	}

	/**
	 * Get an eval.
	 * @param name the name
	 * @return the eval
	 * @throws EvalException when there is no eval of that name
	 */
	public RegisteredEval get(String name) {
		RegisteredEval eval = evals().get(name);
		if (eval == null) {
			Map<String, RegisteredEval> current = this.evals;
			String known = (current == null) ? "evals are registered once every singleton bean has been created"
					: (current.isEmpty() ? "no evals are registered; declare an EvalDefinition bean or an @Eval method"
							: "the registered evals are " + String.join(", ", current.keySet()));
			throw new EvalException("There is no eval named '" + name + "': " + known);
		}
		return eval;
	}

	private Map<String, RegisteredEval> evals() {
		Map<String, RegisteredEval> current = this.evals;
		return (current != null) ? current : Map.of();
	}

	@Override
	public String toString() {
		return "EvalRegistry" + evals().keySet();
	}

}

package dev.braintrust.spring.eval;

import java.util.function.Supplier;

/**
 * An eval known to the {@link EvalRegistry}: its name, where it was declared, how to get
 * its definition, and the options its {@link Eval} annotation sets.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RegisteredEval {

	private final String name;

	private final String source;

	private final Supplier<? extends EvalDefinition<?, ?>> definition;

	private final EvalOptions optionOverrides;

	/**
	 * Create a registered eval.
	 * @param name the eval's name
	 * @param source where it was declared, for messages
	 * @param definition supplies the definition each time the eval runs
	 * @param optionOverrides options that override the definition's
	 */
	public RegisteredEval(String name, String source, Supplier<? extends EvalDefinition<?, ?>> definition,
			EvalOptions optionOverrides) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("An eval needs a name (declared by " + source + ")");
		}
		this.name = name;
		this.source = source;
		this.definition = definition;
		this.optionOverrides = optionOverrides;
	}

	/**
	 * A registered eval for a definition.
	 * @param name the name
	 * @param definition the definition
	 * @return the registered eval
	 */
	public static RegisteredEval of(String name, EvalDefinition<?, ?> definition) {
		return new RegisteredEval(name, definition.getClass().getName(), () -> definition, EvalOptions.defaults());
	}

	/**
	 * The eval's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Where the eval was declared: a bean or a method.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	/**
	 * The eval's definition.
	 * @return the definition
	 * @throws EvalException when it cannot be created
	 */
	public EvalDefinition<?, ?> definition() {
		EvalDefinition<?, ?> created;
		try {
			created = this.definition.get();
		}
		catch (RuntimeException ex) {
			throw new EvalException("Could not create the definition of eval '" + this.name + "' from " + this.source
					+ ": " + ex.getMessage(), ex);
		}
		if (created == null) {
			throw new EvalException(this.source + " returned no definition for eval '" + this.name + "'");
		}
		return created;
	}

	/**
	 * The options the eval's annotation sets, which override the definition's.
	 * @return the options
	 */
	public EvalOptions optionOverrides() {
		return this.optionOverrides;
	}

	@Override
	public String toString() {
		return "RegisteredEval[" + this.name + " from " + this.source + "]";
	}

}

package dev.braintrust.spring.boot.autoconfigure;

/**
 * Braintrust is configured in a way that cannot work. The failure analyzer turns it into
 * a start-up report naming the property and environment variable to set.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Create an exception.
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	public BraintrustConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}

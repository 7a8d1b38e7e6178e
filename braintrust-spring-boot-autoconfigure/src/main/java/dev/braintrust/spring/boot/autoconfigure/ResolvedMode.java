package dev.braintrust.spring.boot.autoconfigure;

import java.util.Locale;

import dev.braintrust.spring.boot.autoconfigure.BraintrustProperties.Mode;
import org.jspecify.annotations.Nullable;

/**
 * Decides where rows go from the configured mode and whether an API key is set.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ResolvedMode {

	private ResolvedMode() {
	}

	/**
	 * The effective mode: never {@link Mode#AUTO}.
	 * @param enabled whether Braintrust is enabled
	 * @param mode the configured mode
	 * @param apiKey the API key, if any
	 * @return {@link Mode#LOCAL}, {@link Mode#REMOTE} or {@link Mode#DISABLED}
	 * @throws BraintrustConfigurationException when remote mode is asked for without a
	 * key
	 */
	public static Mode resolve(boolean enabled, Mode mode, @Nullable String apiKey) {
		boolean hasKey = apiKey != null && !apiKey.isBlank();
		if (!enabled || mode == Mode.DISABLED) {
			return Mode.DISABLED;
		}
		if (mode == Mode.REMOTE && !hasKey) {
			throw new BraintrustConfigurationException(
					"Braintrust is configured with braintrust.mode=remote but no API key is set.",
					"Set braintrust.api-key (environment variable BRAINTRUST_API_KEY) to a Braintrust API key, or "
							+ "set braintrust.mode=local to log to the embedded local store instead.");
		}
		if (mode == Mode.AUTO) {
			return hasKey ? Mode.REMOTE : Mode.LOCAL;
		}
		return mode;
	}

	/**
	 * The effective mode's name, as the actuator shows it.
	 * @param properties the properties
	 * @param connectionDetails the connection details, for the API key
	 * @return {@code local}, {@code remote} or {@code disabled}
	 */
	public static String name(BraintrustProperties properties, BraintrustConnectionDetails connectionDetails) {
		return resolve(properties.isEnabled(), properties.getMode(), connectionDetails.getApiKey()).name()
			.toLowerCase(Locale.ROOT);
	}

}

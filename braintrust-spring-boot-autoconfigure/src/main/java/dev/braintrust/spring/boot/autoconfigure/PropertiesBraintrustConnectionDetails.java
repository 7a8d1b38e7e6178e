package dev.braintrust.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Adapts {@link BraintrustProperties} to {@link BraintrustConnectionDetails}.
 *
 * @author Braintrust
 */
final class PropertiesBraintrustConnectionDetails implements BraintrustConnectionDetails {

	private final BraintrustProperties properties;

	PropertiesBraintrustConnectionDetails(BraintrustProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable String getApiKey() {
		String key = this.properties.getApiKey();
		return (key != null && !key.isBlank()) ? key.trim() : null;
	}

	@Override
	public String getApiUrl() {
		return this.properties.getApiUrl();
	}

	@Override
	public String getAppUrl() {
		return this.properties.getAppUrl();
	}

	@Override
	public @Nullable String getOrgName() {
		return this.properties.getOrgName();
	}

	@Override
	public String toString() {
		return "PropertiesBraintrustConnectionDetails[apiUrl=" + getApiUrl() + ", apiKey="
				+ ((getApiKey() != null) ? "(set)" : "(none)") + "]";
	}

}

package dev.braintrust.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to connect to Braintrust. Defined from {@link BraintrustProperties}
 * unless a bean of this type exists (for tests, or a future Testcontainers service
 * connection).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface BraintrustConnectionDetails extends ConnectionDetails {

	/**
	 * The API key.
	 * @return the key, or null when none is configured
	 */
	@Nullable String getApiKey();

	/**
	 * The data API URL.
	 * @return the URL
	 */
	String getApiUrl();

	/**
	 * The web app URL.
	 * @return the URL
	 */
	String getAppUrl();

	/**
	 * The organization name.
	 * @return the name, or null
	 */
	@Nullable String getOrgName();

}

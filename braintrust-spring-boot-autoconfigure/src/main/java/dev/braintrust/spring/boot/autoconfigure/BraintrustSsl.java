package dev.braintrust.spring.boot.autoconfigure;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * The TLS settings for Braintrust's API from the SSL bundle named by
 * {@code braintrust.ssl.bundle}, shared by every client of the API (the exporter, the
 * prompt loader) so that they trust the same certificates.
 *
 * @param context the SSL context built from the bundle
 * @param parameters the bundle's ciphers and protocols, or {@code null} when it names
 * none
 * @author Braintrust
 * @since 0.1.0
 */
public record BraintrustSsl(SSLContext context, @Nullable SSLParameters parameters) {

	/**
	 * The settings of the configured bundle.
	 * @param properties the Braintrust properties
	 * @param sslBundles the application's SSL bundles, if any
	 * @return the settings, or {@code null} when {@code braintrust.ssl.bundle} is not set
	 * @throws BraintrustConfigurationException when the bundle does not exist
	 */
	public static @Nullable BraintrustSsl from(BraintrustProperties properties, @Nullable SslBundles sslBundles) {
		String name = properties.getSsl().getBundle();
		if (!StringUtils.hasText(name)) {
			return null;
		}
		SslBundle bundle = bundle(sslBundles, name.trim());
		SslOptions options = bundle.getOptions();
		SSLParameters parameters = null;
		if (options.isSpecified()) {
			parameters = new SSLParameters();
			parameters.setCipherSuites(options.getCiphers());
			parameters.setProtocols(options.getEnabledProtocols());
		}
		return new BraintrustSsl(bundle.createSslContext(), parameters);
	}

	private static SslBundle bundle(@Nullable SslBundles sslBundles, String name) {
		if (sslBundles == null) {
			throw new BraintrustConfigurationException(
					"braintrust.ssl.bundle is set to '" + name + "' but no SSL bundles are configured.",
					"Define the bundle under spring.ssl.bundle (for example spring.ssl.bundle.pem." + name
							+ ".truststore.certificate), or remove braintrust.ssl.bundle.");
		}
		try {
			return sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new BraintrustConfigurationException(
					"braintrust.ssl.bundle is set to '" + name + "' but there is no SSL bundle with that name.",
					"Define it under spring.ssl.bundle (for example spring.ssl.bundle.pem." + name
							+ ".truststore.certificate), or correct braintrust.ssl.bundle; bundles defined: "
							+ sslBundles.getBundleNames());
		}
	}

}

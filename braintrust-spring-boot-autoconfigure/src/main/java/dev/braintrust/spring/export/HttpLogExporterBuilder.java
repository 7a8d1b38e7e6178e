package dev.braintrust.spring.export;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import dev.braintrust.spring.logger.PipelineCounters;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link HttpLogExporter}. Setters validate their arguments and name the
 * property that configures them; the defaults are those of the {@code braintrust.export}
 * properties. Building does not touch the network.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class HttpLogExporterBuilder {

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** Default timeout of a whole request, response included. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** Default number of retries of a request. */
	public static final int DEFAULT_MAX_RETRIES = 5;

	/** Default wait before the first retry. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/** Default longest wait between retries. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/** Default largest number of rows in one insert request. */
	public static final int DEFAULT_MAX_REQUEST_ROWS = 1000;

	/** Default largest insert request, in bytes. */
	public static final long DEFAULT_MAX_REQUEST_SIZE = 5L * 1024 * 1024;

	/** Default largest disk spool, in bytes. */
	public static final long DEFAULT_MAX_SPOOL_SIZE = 1024L * 1024 * 1024;

	private final String apiUrl;

	private final String apiKey;

	private String appUrl = "https://www.braintrust.dev";

	private @Nullable String orgName;

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

	private int maxRetries = DEFAULT_MAX_RETRIES;

	private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

	private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

	private int maxRequestRows = DEFAULT_MAX_REQUEST_ROWS;

	private long maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

	private @Nullable Path spoolDirectory;

	private long maxSpoolSize = DEFAULT_MAX_SPOOL_SIZE;

	private @Nullable Path failedPayloadsDirectory;

	private @Nullable SSLContext sslContext;

	private @Nullable SSLParameters sslParameters;

	private @Nullable ProxySelector proxySelector = ProxySelector.getDefault();

	private PipelineCounters counters = new PipelineCounters();

	private Duration warningInterval = Duration.ofSeconds(60);

	private Sleeper sleeper = Sleeper.THREAD;

	private Clock clock = Clock.systemUTC();

	HttpLogExporterBuilder(String apiUrl, String apiKey) {
		if (apiUrl == null || !(apiUrl.startsWith("http://") || apiUrl.startsWith("https://"))) {
			throw new IllegalArgumentException(
					"braintrust.api-url must be an http or https URL, such as https://api.braintrust.dev; was '"
							+ apiUrl + "'");
		}
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException(
					"A Braintrust API key is required: set braintrust.api-key (environment variable BRAINTRUST_API_KEY)");
		}
		this.apiUrl = apiUrl.trim();
		this.apiKey = apiKey.trim();
	}

	/**
	 * Set the URL of Braintrust's web app, for links to rows.
	 * @param appUrl the URL
	 * @return this builder
	 */
	public HttpLogExporterBuilder appUrl(String appUrl) {
		this.appUrl = require(appUrl, "braintrust.app-url");
		return this;
	}

	/**
	 * Set the organization name: sent when creating projects, and used in links.
	 * @param orgName the name, or null to look it up after the first registration
	 * @return this builder
	 */
	public HttpLogExporterBuilder orgName(@Nullable String orgName) {
		this.orgName = orgName;
		return this;
	}

	/**
	 * Set the connect timeout.
	 * @param connectTimeout a positive duration
	 * @return this builder
	 */
	public HttpLogExporterBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive(connectTimeout, "braintrust.export.connect-timeout");
		return this;
	}

	/**
	 * Set the timeout of a whole request, response included.
	 * @param requestTimeout a positive duration
	 * @return this builder
	 */
	public HttpLogExporterBuilder requestTimeout(Duration requestTimeout) {
		this.requestTimeout = positive(requestTimeout, "braintrust.export.request-timeout");
		return this;
	}

	/**
	 * Set the number of retries of a request that failed for a reason that may pass.
	 * @param maxRetries zero or more
	 * @return this builder
	 */
	public HttpLogExporterBuilder maxRetries(int maxRetries) {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("braintrust.export.max-retries must be 0 or more, was " + maxRetries);
		}
		this.maxRetries = maxRetries;
		return this;
	}

	/**
	 * Set the wait before the first retry.
	 * @param initialBackoff a positive duration
	 * @return this builder
	 */
	public HttpLogExporterBuilder initialBackoff(Duration initialBackoff) {
		this.initialBackoff = positive(initialBackoff, "braintrust.export.initial-backoff");
		return this;
	}

	/**
	 * Set the longest wait between retries.
	 * @param maxBackoff a positive duration
	 * @return this builder
	 */
	public HttpLogExporterBuilder maxBackoff(Duration maxBackoff) {
		this.maxBackoff = positive(maxBackoff, "braintrust.export.max-backoff");
		return this;
	}

	/**
	 * Set the largest number of rows in one insert request.
	 * @param maxRequestRows at least 1
	 * @return this builder
	 */
	public HttpLogExporterBuilder maxRequestRows(int maxRequestRows) {
		if (maxRequestRows < 1) {
			throw new IllegalArgumentException(
					"braintrust.export.max-request-rows must be at least 1, was " + maxRequestRows);
		}
		this.maxRequestRows = maxRequestRows;
		return this;
	}

	/**
	 * Set the largest insert request; a single larger row is not sent.
	 * @param maxRequestSize at least 1 KB
	 * @return this builder
	 */
	public HttpLogExporterBuilder maxRequestSize(long maxRequestSize) {
		if (maxRequestSize < 1024) {
			throw new IllegalArgumentException(
					"braintrust.export.max-request-size must be at least 1KB, was " + maxRequestSize + " bytes");
		}
		this.maxRequestSize = maxRequestSize;
		return this;
	}

	/**
	 * Set the directory where rows wait while Braintrust is unreachable.
	 * @param spoolDirectory the directory, or null for no spool
	 * @return this builder
	 */
	public HttpLogExporterBuilder spoolDirectory(@Nullable Path spoolDirectory) {
		this.spoolDirectory = spoolDirectory;
		return this;
	}

	/**
	 * Set the largest size of the disk spool.
	 * @param maxSpoolSize at least 1 KB
	 * @return this builder
	 */
	public HttpLogExporterBuilder maxSpoolSize(long maxSpoolSize) {
		if (maxSpoolSize < 1024) {
			throw new IllegalArgumentException(
					"braintrust.export.max-spool-size must be at least 1KB, was " + maxSpoolSize + " bytes");
		}
		this.maxSpoolSize = maxSpoolSize;
		return this;
	}

	/**
	 * Set the directory where rows that will not be delivered are written.
	 * @param failedPayloadsDirectory the directory, or null
	 * @return this builder
	 */
	public HttpLogExporterBuilder failedPayloadsDirectory(@Nullable Path failedPayloadsDirectory) {
		this.failedPayloadsDirectory = failedPayloadsDirectory;
		return this;
	}

	/**
	 * Set the TLS context, for a corporate certificate authority.
	 * @param sslContext the context, or null for the JVM's default
	 * @return this builder
	 */
	public HttpLogExporterBuilder sslContext(@Nullable SSLContext sslContext) {
		this.sslContext = sslContext;
		return this;
	}

	/**
	 * Set the TLS parameters (protocols, ciphers).
	 * @param sslParameters the parameters, or null for the defaults
	 * @return this builder
	 */
	public HttpLogExporterBuilder sslParameters(@Nullable SSLParameters sslParameters) {
		this.sslParameters = sslParameters;
		return this;
	}

	/**
	 * Set the proxy selector; by default the JVM's ({@code https.proxyHost} and friends).
	 * @param proxySelector the selector, or null for direct connections
	 * @return this builder
	 */
	public HttpLogExporterBuilder proxySelector(@Nullable ProxySelector proxySelector) {
		this.proxySelector = proxySelector;
		return this;
	}

	/**
	 * Set the counters shared with the logger's pipeline.
	 * @param counters the counters
	 * @return this builder
	 */
	public HttpLogExporterBuilder counters(PipelineCounters counters) {
		this.counters = require(counters, "counters");
		return this;
	}

	/**
	 * Set the shortest time between two warnings about dropped rows.
	 * @param warningInterval a positive duration
	 * @return this builder
	 */
	public HttpLogExporterBuilder warningInterval(Duration warningInterval) {
		this.warningInterval = positive(warningInterval, "warningInterval");
		return this;
	}

	HttpLogExporterBuilder sleeper(Sleeper sleeper) {
		this.sleeper = sleeper;
		return this;
	}

	HttpLogExporterBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Build the exporter. Opens the spool (and starts its thread) when one is configured;
	 * no request is made until rows are exported, except to drain a spool left by an
	 * earlier run.
	 * @return the exporter
	 * @throws IllegalStateException when the spool directory cannot be used
	 */
	public HttpLogExporter build() {
		HttpClient.Builder client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (this.sslContext != null) {
			client.sslContext(this.sslContext);
		}
		if (this.sslParameters != null) {
			client.sslParameters(this.sslParameters);
		}
		if (this.proxySelector != null) {
			client.proxy(this.proxySelector);
		}
		BraintrustApi api = new BraintrustApi(client.build(), this.apiUrl, this.apiKey, this.requestTimeout, this.clock,
				"braintrust-spring-boot");
		ObjectRegistry registry = new ObjectRegistry(api, this.orgName, this.clock);
		InsertBatcher batcher = new InsertBatcher(this.maxRequestRows, this.maxRequestSize);
		// each thread draws from its own generator
		Backoff backoff = new Backoff(this.initialBackoff, this.maxBackoff,
				() -> ThreadLocalRandom.current().nextLong());
		DiskSpool spool = (this.spoolDirectory != null) ? new DiskSpool(this.spoolDirectory, this.maxSpoolSize) : null;
		return new HttpLogExporter(api, registry, batcher, this.counters,
				new FailedPayloads(this.failedPayloadsDirectory, this.clock), backoff, this.sleeper, this.maxRetries,
				this.appUrl, spool, this.warningInterval);
	}

	private static <T> T require(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException("'" + name + "' must not be null");
		}
		return value;
	}

	private static Duration positive(@Nullable Duration value, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		return "HttpLogExporterBuilder[url=" + this.apiUrl + ", apiKey=(set)]";
	}

}

package dev.braintrust.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Braintrust. Braintrust's own environment variables bind
 * unchanged: {@code BRAINTRUST_API_KEY}, {@code BRAINTRUST_API_URL},
 * {@code BRAINTRUST_APP_URL}, {@code BRAINTRUST_ORG_NAME}, {@code BRAINTRUST_PROJECT} and
 * {@code BRAINTRUST_PROJECT_ID}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@ConfigurationProperties("braintrust")
public class BraintrustProperties {

	/**
	 * Whether to enable the Braintrust integration.
	 */
	private boolean enabled = true;

	/**
	 * Braintrust API key. With one (and mode 'auto'), rows are sent to Braintrust;
	 * without one, they go to the embedded local store.
	 */
	private @Nullable String apiKey;

	/**
	 * URL of Braintrust's data API.
	 */
	private String apiUrl = "https://api.braintrust.dev";

	/**
	 * URL of Braintrust's web app, used for links to spans and experiments.
	 */
	private String appUrl = "https://www.braintrust.dev";

	/**
	 * Name of the Braintrust organization, needed only when the API key can reach
	 * several.
	 */
	private @Nullable String orgName;

	/**
	 * Name of the project that logs go to. Defaults to 'spring.application.name', or
	 * 'Global' when that is not set either.
	 */
	private @Nullable String project;

	/**
	 * ID of the project that logs go to; takes precedence over the name in Braintrust.
	 */
	private @Nullable String projectId;

	/**
	 * Where rows go: 'auto' (Braintrust with an API key, the local store without one),
	 * 'local', 'remote' or 'disabled'.
	 */
	private Mode mode = Mode.AUTO;

	/**
	 * Embedded local store.
	 */
	private final Local local = new Local();

	/**
	 * Logger and its row pipeline.
	 */
	private final Logger logger = new Logger();

	/**
	 * Export to Braintrust's REST API.
	 */
	private final Export export = new Export();

	/**
	 * TLS for the connection to Braintrust.
	 */
	private final Ssl ssl = new Ssl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getApiUrl() {
		return this.apiUrl;
	}

	public void setApiUrl(String apiUrl) {
		this.apiUrl = apiUrl;
	}

	public String getAppUrl() {
		return this.appUrl;
	}

	public void setAppUrl(String appUrl) {
		this.appUrl = appUrl;
	}

	public @Nullable String getOrgName() {
		return this.orgName;
	}

	public void setOrgName(@Nullable String orgName) {
		this.orgName = orgName;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public @Nullable String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(@Nullable String projectId) {
		this.projectId = projectId;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Local getLocal() {
		return this.local;
	}

	public Logger getLogger() {
		return this.logger;
	}

	public Export getExport() {
		return this.export;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * Where rows go.
	 */
	public enum Mode {

		/**
		 * Braintrust when an API key is set, the embedded local store otherwise.
		 */
		AUTO,

		/**
		 * The embedded local store, even with an API key.
		 */
		LOCAL,

		/**
		 * Braintrust's REST API; an API key is required.
		 */
		REMOTE,

		/**
		 * Nothing is recorded; spans are no-ops.
		 */
		DISABLED

	}

	/**
	 * Embedded local store properties.
	 */
	public static class Local {

		/**
		 * Directory of the embedded local store, relative to the working directory unless
		 * absolute.
		 */
		private Path directory = Path.of(".braintrust");

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * Logger properties.
	 */
	public static class Logger {

		/**
		 * Longest string kept in a logged value, in characters; longer strings are cut
		 * and marked.
		 */
		private int maxStringLength = 1_000_000;

		/**
		 * Deepest nesting kept in a logged value.
		 */
		private int maxDepth = 200;

		/**
		 * Whether to record the calling class, method, file and line on spans started
		 * through the logger API.
		 */
		private boolean captureCaller = true;

		/**
		 * Asynchronous row pipeline.
		 */
		private final Async async = new Async();

		public int getMaxStringLength() {
			return this.maxStringLength;
		}

		public void setMaxStringLength(int maxStringLength) {
			this.maxStringLength = maxStringLength;
		}

		public int getMaxDepth() {
			return this.maxDepth;
		}

		public void setMaxDepth(int maxDepth) {
			this.maxDepth = maxDepth;
		}

		public boolean isCaptureCaller() {
			return this.captureCaller;
		}

		public void setCaptureCaller(boolean captureCaller) {
			this.captureCaller = captureCaller;
		}

		public Async getAsync() {
			return this.async;
		}

		/**
		 * Asynchronous row pipeline properties.
		 */
		public static class Async {

			/**
			 * Whether rows are exported by a background worker. When false, each row is
			 * exported on the calling thread, for short-lived processes.
			 */
			private boolean enabled = true;

			/**
			 * Maximum number of rows kept in the queue before new ones are dropped (and
			 * counted).
			 */
			private int maxQueueSize = 10_000;

			/**
			 * Maximum number of rows handed to the exporter at once.
			 */
			private int maxBatchSize = 512;

			/**
			 * Maximum size of a batch handed to the exporter.
			 */
			private DataSize maxBatchBytes = DataSize.ofMegabytes(3);

			/**
			 * Longest time a row waits in the queue before it is exported.
			 */
			private Duration scheduleDelay = Duration.ofSeconds(1);

			/**
			 * Longest time a flush waits for queued rows to be written. A bare number is
			 * read as seconds.
			 */
			@DurationUnit(ChronoUnit.SECONDS)
			private Duration exportTimeout = Duration.ofSeconds(30);

			/**
			 * Longest time the final flush waits when the application shuts down. A bare
			 * number is read as seconds.
			 */
			@DurationUnit(ChronoUnit.SECONDS)
			private Duration shutdownTimeout = Duration.ofSeconds(10);

			/**
			 * Shortest time between two warnings about dropped rows.
			 */
			private Duration dropLogInterval = Duration.ofSeconds(60);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getMaxQueueSize() {
				return this.maxQueueSize;
			}

			public void setMaxQueueSize(int maxQueueSize) {
				this.maxQueueSize = maxQueueSize;
			}

			public int getMaxBatchSize() {
				return this.maxBatchSize;
			}

			public void setMaxBatchSize(int maxBatchSize) {
				this.maxBatchSize = maxBatchSize;
			}

			public DataSize getMaxBatchBytes() {
				return this.maxBatchBytes;
			}

			public void setMaxBatchBytes(DataSize maxBatchBytes) {
				this.maxBatchBytes = maxBatchBytes;
			}

			public Duration getScheduleDelay() {
				return this.scheduleDelay;
			}

			public void setScheduleDelay(Duration scheduleDelay) {
				this.scheduleDelay = scheduleDelay;
			}

			public Duration getExportTimeout() {
				return this.exportTimeout;
			}

			public void setExportTimeout(Duration exportTimeout) {
				this.exportTimeout = exportTimeout;
			}

			public Duration getShutdownTimeout() {
				return this.shutdownTimeout;
			}

			public void setShutdownTimeout(Duration shutdownTimeout) {
				this.shutdownTimeout = shutdownTimeout;
			}

			public Duration getDropLogInterval() {
				return this.dropLogInterval;
			}

			public void setDropLogInterval(Duration dropLogInterval) {
				this.dropLogInterval = dropLogInterval;
			}

		}

	}

	/**
	 * Export to Braintrust's REST API.
	 */
	public static class Export {

		/**
		 * Connect timeout for requests to Braintrust. A bare number is read as seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Timeout for a whole request to Braintrust, response included. A bare number is
		 * read as seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration requestTimeout = Duration.ofSeconds(30);

		/**
		 * Maximum number of retries of a request that failed for a reason that may pass
		 * (connection errors, timeouts, 5xx, 429).
		 */
		private int maxRetries = 5;

		/**
		 * Delay before the first retry; later retries back off exponentially, with
		 * jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest delay between two retries.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/**
		 * Maximum number of rows in one insert request.
		 */
		private int maxRequestRows = 1000;

		/**
		 * Maximum size of one insert request; a single larger row is not sent but written
		 * to the failed-payloads directory.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(5);

		/**
		 * Directory where rows wait while Braintrust is unreachable, surviving a restart.
		 * Without it, they wait only in the in-memory queue.
		 */
		private @Nullable Path spoolDirectory;

		/**
		 * Maximum size of the disk spool; rows beyond it are dropped and counted.
		 */
		private DataSize maxSpoolSize = DataSize.ofGigabytes(1);

		/**
		 * Directory where payloads that could not be delivered are written, like the
		 * official SDKs' BRAINTRUST_FAILED_PUBLISH_PAYLOADS_DIR.
		 */
		private @Nullable Path failedPayloadsDirectory;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public int getMaxRequestRows() {
			return this.maxRequestRows;
		}

		public void setMaxRequestRows(int maxRequestRows) {
			this.maxRequestRows = maxRequestRows;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		public @Nullable Path getSpoolDirectory() {
			return this.spoolDirectory;
		}

		public void setSpoolDirectory(@Nullable Path spoolDirectory) {
			this.spoolDirectory = spoolDirectory;
		}

		public DataSize getMaxSpoolSize() {
			return this.maxSpoolSize;
		}

		public void setMaxSpoolSize(DataSize maxSpoolSize) {
			this.maxSpoolSize = maxSpoolSize;
		}

		public @Nullable Path getFailedPayloadsDirectory() {
			return this.failedPayloadsDirectory;
		}

		public void setFailedPayloadsDirectory(@Nullable Path failedPayloadsDirectory) {
			this.failedPayloadsDirectory = failedPayloadsDirectory;
		}

	}

	/**
	 * TLS properties.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that holds the trust material for
		 * Braintrust's API, for corporate certificate authorities.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}

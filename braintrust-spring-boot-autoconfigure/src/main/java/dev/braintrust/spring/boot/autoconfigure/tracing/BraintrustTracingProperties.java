package dev.braintrust.spring.boot.autoconfigure.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Braintrust tracing.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@ConfigurationProperties("braintrust.tracing")
public class BraintrustTracingProperties {

	/**
	 * The @Traced annotation.
	 */
	private final Annotations annotations = new Annotations();

	/**
	 * Joining Micrometer Tracing's traces.
	 */
	private final Micrometer micrometer = new Micrometer();

	/**
	 * Trace context on outgoing HTTP calls.
	 */
	private final HttpClient httpClient = new HttpClient();

	/**
	 * Trace context of incoming HTTP requests.
	 */
	private final HttpServer httpServer = new HttpServer();

	public Annotations getAnnotations() {
		return this.annotations;
	}

	public Micrometer getMicrometer() {
		return this.micrometer;
	}

	public HttpClient getHttpClient() {
		return this.httpClient;
	}

	public HttpServer getHttpServer() {
		return this.httpServer;
	}

	/**
	 * The {@code @Traced} annotation.
	 */
	public static class Annotations {

		/**
		 * Whether methods annotated with @Traced are traced.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of items of a traced Flux logged as the span's output; beyond it
		 * no output is logged. -1 for no limit, 0 to log no items.
		 */
		private int maxFluxItems = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxFluxItems() {
			return this.maxFluxItems;
		}

		public void setMaxFluxItems(int maxFluxItems) {
			this.maxFluxItems = maxFluxItems;
		}

	}

	/**
	 * Joining Micrometer Tracing's traces.
	 */
	public static class Micrometer {

		/**
		 * Whether a new root span takes the trace id of Micrometer Tracing's current span
		 * as its root_span_id.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Trace context on outgoing HTTP calls.
	 */
	public static class HttpClient {

		/**
		 * Whether calls made inside a span by auto-configured RestClient, RestTemplate
		 * and WebClient builders carry the span in 'traceparent' and 'baggage' headers.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Trace context of incoming HTTP requests.
	 */
	public static class HttpServer {

		/**
		 * Whether spans started while handling a request that carries a 'traceparent'
		 * header are children of the caller's span.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}

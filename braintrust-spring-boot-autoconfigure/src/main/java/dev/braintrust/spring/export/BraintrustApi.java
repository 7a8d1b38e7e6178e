package dev.braintrust.spring.export;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The few calls the exporter makes to Braintrust's REST API, over the JDK
 * {@link HttpClient}. The API key goes only into the {@code Authorization: Bearer}
 * header; it is redacted from server messages and never part of an exception message or
 * {@link #toString()}.
 *
 * @author Braintrust
 */
final class BraintrustApi {

	private static final String REDACTED = "****";

	private final HttpClient client;

	private final String baseUrl;

	private final String apiKey;

	private final Duration requestTimeout;

	private final Clock clock;

	private final String userAgent;

	BraintrustApi(HttpClient client, String apiUrl, String apiKey, Duration requestTimeout, Clock clock,
			String userAgent) {
		this.client = client;
		this.baseUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
		this.apiKey = apiKey;
		this.requestTimeout = requestTimeout;
		this.clock = clock;
		this.userAgent = userAgent;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	ApiResponse post(String path, byte[] body) throws InterruptedException {
		HttpRequest request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return send("POST " + path, request);
	}

	ApiResponse get(String pathAndQuery) throws InterruptedException {
		HttpRequest request = request(pathAndQuery).GET().build();
		int query = pathAndQuery.indexOf('?');
		return send("GET " + ((query >= 0) ? pathAndQuery.substring(0, query) : pathAndQuery), request);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(this.requestTimeout)
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Accept", "application/json")
			.header("User-Agent", this.userAgent);
	}

	private ApiResponse send(String operation, HttpRequest request) throws InterruptedException {
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
			return new ApiResponse(operation, response.statusCode(), redact(response.body()),
					RetryAfter.parse(retryAfter, this.clock), null);
		}
		catch (HttpTimeoutException ex) {
			return ApiResponse.failure(operation,
					"no answer within " + this.requestTimeout.toMillis() + " ms (" + describe(ex) + ")");
		}
		catch (ConnectException ex) {
			return ApiResponse.failure(operation, "cannot connect to " + this.baseUrl + " (" + describe(ex) + ")");
		}
		catch (IOException ex) {
			return ApiResponse.failure(operation, describe(ex));
		}
	}

	/**
	 * Remove the API key from text that came from elsewhere, in case a proxy or server
	 * echoes the request headers.
	 */
	String redact(String text) {
		return text.replace(this.apiKey, REDACTED);
	}

	private byte[] redact(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		return text.contains(this.apiKey) ? redact(text).getBytes(StandardCharsets.UTF_8) : body;
	}

	private String describe(Throwable ex) {
		StringBuilder description = new StringBuilder(ex.getClass().getSimpleName());
		if (ex.getMessage() != null) {
			description.append(": ").append(redact(ex.getMessage()));
		}
		Throwable cause = ex.getCause();
		if (cause != null && cause != ex && cause.getMessage() != null && !cause.getMessage().equals(ex.getMessage())) {
			description.append(" caused by ")
				.append(cause.getClass().getSimpleName())
				.append(": ")
				.append(redact(cause.getMessage()));
		}
		return description.toString();
	}

	@Override
	public String toString() {
		return "BraintrustApi[url=" + this.baseUrl + ", apiKey=(set)]";
	}

}

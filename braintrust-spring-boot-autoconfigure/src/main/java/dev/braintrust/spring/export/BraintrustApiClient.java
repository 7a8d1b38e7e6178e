package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.braintrust.spring.logger.ObjectType;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON requests to Braintrust's REST API over the {@link HttpLogExporter}'s own HTTP
 * client: the same base URL, {@code Authorization: Bearer} key, timeouts, TLS settings
 * and proxy. Transient failures (no answer, timeouts, 429, 5xx) are retried with the
 * exporter's backoff and {@code Retry-After}, at most
 * {@code braintrust.export.max-retries} times; anything else throws a
 * {@link BraintrustApiException}.
 * <p>
 * Calls block the calling thread for the whole exchange, retries included: for readers
 * such as the eval runner, never for code on an application's request path. Get one from
 * {@link HttpLogExporter#apiClient()}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustApiClient {

	private static final Log logger = LogFactory.getLog(BraintrustApiClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int FETCH_PAGE_SIZE = 1000;

	private final BraintrustApi api;

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final int maxRetries;

	BraintrustApiClient(BraintrustApi api, Backoff backoff, Sleeper sleeper, int maxRetries) {
		this.api = api;
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.maxRetries = maxRetries;
	}

	/**
	 * {@code GET} a path.
	 * @param path the path, such as {@code /v1/experiment}; variable segments encoded
	 * with {@link #pathSegment(String)}
	 * @param query the query parameters, encoded here; null values are left out
	 * @return the JSON answer
	 * @throws BraintrustApiException when the request fails for good
	 */
	public JsonNode get(String path, Map<String, ? extends @Nullable Object> query) {
		StringBuilder pathAndQuery = new StringBuilder(path);
		char separator = '?';
		for (Map.Entry<String, ? extends @Nullable Object> parameter : query.entrySet()) {
			if (parameter.getValue() != null) {
				pathAndQuery.append(separator)
					.append(PercentEncoding.encode(parameter.getKey()))
					.append('=')
					.append(PercentEncoding.encode(String.valueOf(parameter.getValue())));
				separator = '&';
			}
		}
		return json(send(() -> this.api.get(pathAndQuery.toString())));
	}

	/**
	 * {@code POST} a JSON body to a path.
	 * @param path the path; variable segments encoded with {@link #pathSegment(String)}
	 * @param body the body
	 * @return the JSON answer
	 * @throws BraintrustApiException when the request fails for good
	 */
	public JsonNode post(String path, JsonNode body) {
		byte[] bytes = JSON.writeValueAsBytes(body);
		return json(send(() -> this.api.post(path, bytes)));
	}

	/**
	 * Read one page of an object's rows with {@code POST /v1/{object}/{id}/fetch}.
	 * @param type the kind of object
	 * @param objectId the object's id (the project id for project logs)
	 * @param limit the largest number of rows (of traces, for experiments and logs)
	 * @param cursor the cursor of the previous page, or null for the first page
	 * @param version the transaction id to read at, or null for the latest
	 * @return the page
	 * @throws BraintrustApiException when the request fails for good
	 */
	public FetchedPage fetchPage(ObjectType type, String objectId, int limit, @Nullable String cursor,
			@Nullable String version) {
		ObjectNode request = JSON.createObjectNode().put("limit", limit);
		if (cursor != null) {
			request.put("cursor", cursor);
		}
		if (version != null) {
			request.put("version", version);
		}
		JsonNode answer = post("/v1/" + type.wireName() + "/" + pathSegment(objectId) + "/fetch", request);
		List<ObjectNode> events = new ArrayList<>();
		for (JsonNode event : answer.path("events")) {
			if (event instanceof ObjectNode row) {
				events.add(row);
			}
		}
		String next = answer.path("cursor").asString(null);
		return new FetchedPage(FetchedRows.newestById(events), (events.isEmpty() || next == null) ? null : next);
	}

	/**
	 * Read every row of an object, page after page, keeping the newest version of each
	 * id.
	 * @param type the kind of object
	 * @param objectId the object's id (the project id for project logs)
	 * @param version the transaction id to read at, or null for the latest
	 * @return the rows, oldest first
	 * @throws BraintrustApiException when a request fails for good
	 */
	public FetchedRows fetchAll(ObjectType type, String objectId, @Nullable String version) {
		List<ObjectNode> events = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String cursor = null;
		do {
			FetchedPage page = fetchPage(type, objectId, FETCH_PAGE_SIZE, cursor, version);
			events.addAll(page.rows());
			cursor = page.cursor();
		}
		// a cursor seen before would loop forever
		while (cursor != null && seen.add(cursor));
		return FetchedRows.of(events);
	}

	/**
	 * Percent-encode a value for a path segment.
	 * @param value the value, such as an id
	 * @return the encoded value
	 */
	public static String pathSegment(String value) {
		return PercentEncoding.encode(value);
	}

	/**
	 * The base URL requests go to.
	 * @return the URL, without a trailing slash
	 */
	public String baseUrl() {
		return this.api.baseUrl();
	}

	/**
	 * Make a call until it succeeds, is refused, or its retries are exhausted.
	 * @param call one attempt
	 * @return the successful answer
	 * @throws BraintrustApiException when the call fails for good or the thread is
	 * interrupted
	 */
	ApiResponse send(Call call) {
		ApiResponse response = null;
		try {
			response = call.attempt();
			for (int retry = 0; response.isRetryable() && retry < this.maxRetries; retry++) {
				Duration delay = this.backoff.delay(retry, response.retryAfter());
				if (logger.isDebugEnabled()) {
					logger.debug(response.describe() + "; retry " + (retry + 1) + " of " + this.maxRetries + " in "
							+ delay.toMillis() + " ms");
				}
				this.sleeper.sleep(delay);
				response = call.attempt();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BraintrustApiException("Interrupted while waiting for Braintrust"
					+ ((response != null) ? " (" + response.describe() + ")" : ""), 0);
		}
		if (!response.isSuccess()) {
			throw new BraintrustApiException(
					response.describe() + (response.isRetryable() ? " (after " + this.maxRetries + " retries)" : ""),
					response.status());
		}
		return response;
	}

	private static JsonNode json(ApiResponse response) {
		try {
			return JSON.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new BraintrustApiException(response.operation() + " answered HTTP " + response.status()
					+ " without JSON: " + response.message(), response.status());
		}
	}

	@Override
	public String toString() {
		return "BraintrustApiClient[url=" + this.api.baseUrl() + ", apiKey=(set)]";
	}

	/**
	 * One attempt of a request.
	 */
	@FunctionalInterface
	interface Call {

		ApiResponse attempt() throws InterruptedException;

	}

}

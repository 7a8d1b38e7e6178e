package dev.braintrust.spring.prompt;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.braintrust.spring.logger.SpanOrigin;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Loads prompts from Braintrust's REST API: {@code GET /v1/prompt?project_name=&slug=}
 * (or {@code project_id}) and {@code GET /v1/prompt/{prompt_id}}, with {@code version} or
 * {@code environment}, over the JDK {@link HttpClient}. The API key is sent only as
 * {@code Authorization: Bearer} and is removed from any server message before it reaches
 * an exception.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class HttpPromptLoader implements PromptLoader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_MESSAGE_LENGTH = 500;

	private final HttpClient client;

	private final String apiUrl;

	private final String apiKey;

	private final @Nullable String orgName;

	private final Duration timeout;

	/**
	 * Create a loader.
	 * @param client the HTTP client (its proxy, TLS and connect timeout apply)
	 * @param apiUrl Braintrust's API URL
	 * @param apiKey the API key
	 * @param orgName the organization name, or null
	 * @param timeout the timeout of a whole request
	 */
	public HttpPromptLoader(HttpClient client, String apiUrl, String apiKey, @Nullable String orgName,
			Duration timeout) {
		Assert.notNull(client, "'client' must not be null");
		Assert.hasText(apiUrl, "'apiUrl' must not be empty");
		Assert.hasText(apiKey, "'apiKey' must not be empty");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.client = client;
		this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
		this.apiKey = apiKey;
		this.orgName = orgName;
		this.timeout = timeout;
	}

	@Override
	public Optional<BraintrustPrompt> load(PromptRequest request) {
		String path;
		Map<String, String> query = new LinkedHashMap<>();
		if (request.id() != null) {
			path = "/v1/prompt/" + encode(request.id());
		}
		else {
			Assert.isTrue(request.hasProject(), "A prompt request by slug needs a project");
			path = "/v1/prompt";
			if (request.projectId() != null) {
				query.put("project_id", request.projectId());
			}
			else {
				query.put("project_name", request.projectName());
			}
			query.put("slug", request.slug());
			if (this.orgName != null) {
				query.put("org_name", this.orgName);
			}
		}
		if (request.version() != null) {
			query.put("version", request.version());
		}
		else if (request.environment() != null) {
			query.put("environment", request.environment());
			if (request.id() == null) {
				// environment resolution needs the query to match a single prompt
				query.put("limit", "1");
			}
		}
		String operation = "GET " + path;
		HttpResponse<String> response = send(operation, path + queryString(query));
		int status = response.statusCode();
		if (status == 404) {
			return Optional.empty();
		}
		if (status / 100 != 2) {
			throw new PromptLoadException(
					operation + " answered " + status + statusMessage(response.body()) + " for " + request.describe(),
					null);
		}
		return parse(operation, response.body(), request);
	}

	private HttpResponse<String> send(String operation, String pathAndQuery) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + pathAndQuery))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Accept", "application/json")
			.header("User-Agent", SpanOrigin.SDK_NAME + "/" + SpanOrigin.version())
			.GET()
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new PromptLoadException(
					operation + " got no answer from " + this.apiUrl + " within " + this.timeout.toMillis() + " ms",
					null);
		}
		catch (IOException ex) {
			throw new PromptLoadException(operation + " could not reach " + this.apiUrl + " (" + describe(ex) + ")",
					null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PromptLoadException(operation + " was interrupted", null);
		}
	}

	private Optional<BraintrustPrompt> parse(String operation, String body, PromptRequest request) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new PromptLoadException(operation + " answered with a body that is not JSON", null);
		}
		JsonNode objects = json.get("objects");
		if (objects != null && !json.has("slug")) {
			if (!objects.isArray()) {
				throw new PromptLoadException(operation + " answered without a list of prompts", null);
			}
			if (objects.isEmpty()) {
				return Optional.empty();
			}
			if (objects.size() > 1) {
				throw new PromptLoadException(
						operation + " matched " + objects.size() + " prompts for " + request.describe(), null);
			}
			json = objects.get(0);
		}
		try {
			return Optional.of(BraintrustPrompt.fromJson(json));
		}
		catch (IllegalArgumentException ex) {
			throw new PromptLoadException(operation + " answered with a prompt that cannot be used: "
					+ redact(String.valueOf(ex.getMessage())), null);
		}
	}

	private String statusMessage(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String message = redact(body.strip());
		if (message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
		}
		return ": " + message;
	}

	private String describe(Throwable ex) {
		StringBuilder description = new StringBuilder(ex.getClass().getSimpleName());
		Throwable cause = ex;
		while (cause != null) {
			if (cause.getMessage() != null) {
				description.append(": ").append(redact(cause.getMessage()));
				break;
			}
			cause = cause.getCause();
		}
		return description.toString();
	}

	private String redact(String text) {
		return text.replace(this.apiKey, "****");
	}

	private static String queryString(Map<String, @Nullable String> query) {
		if (query.isEmpty()) {
			return "";
		}
		return query.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(String.valueOf(entry.getValue())))
			.collect(Collectors.joining("&", "?", ""));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		return "HttpPromptLoader[apiUrl=" + this.apiUrl + ", apiKey=(set)]";
	}

}

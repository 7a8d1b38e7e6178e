package dev.braintrust.spring.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request the {@link FakeLlmServer} received.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param headers the request headers, keyed by lower-case name
 * @param body the request body as text
 * @param status the status code the server answered with
 * @param response what the server answered: the JSON body, or the events of a stream
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body, int status,
		String response) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The body parsed as JSON.
	 * @return the JSON body
	 */
	public JsonNode json() {
		return JSON.readTree(this.body);
	}

	/**
	 * The response parsed as JSON; for a stream, the last JSON event carrying a
	 * {@code usage}.
	 * @return the response
	 */
	public JsonNode responseJson() {
		if (!this.response.startsWith("{")) {
			JsonNode withUsage = null;
			for (String line : this.response.split("\n")) {
				if (line.startsWith("data: {")) {
					JsonNode event = JSON.readTree(line.substring("data: ".length()));
					if (event.path("usage").isObject() || event.path("message").path("usage").isObject()) {
						withUsage = event;
					}
				}
			}
			return (withUsage != null) ? withUsage : JSON.missingNode();
		}
		return JSON.readTree(this.response);
	}

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value or null
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Whether the request asked for a stream.
	 * @return true for {@code "stream": true}
	 */
	public boolean isStream() {
		return json().path("stream").asBoolean(false);
	}

}

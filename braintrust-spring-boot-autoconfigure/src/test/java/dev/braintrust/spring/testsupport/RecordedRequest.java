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
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body, int status) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The body parsed as JSON.
	 * @return the JSON body
	 */
	public JsonNode json() {
		return JSON.readTree(this.body);
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

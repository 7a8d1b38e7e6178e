package dev.braintrust.spring.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request received by {@link FakeBraintrustServer}, as its route handlers see it.
 *
 * @param method the method
 * @param path the path, without the query
 * @param pathVariables the values of the route's {@code {name}} segments
 * @param query the query parameters
 * @param authorization the {@code Authorization} header, or null
 * @param body the body
 */
public record FakeRequest(String method, String path, Map<String, String> pathVariables,
		Map<String, List<String>> query, @Nullable String authorization, byte[] body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A path variable.
	 * @param name the name in the route, without braces
	 * @return the value
	 */
	public String pathVariable(String name) {
		String value = this.pathVariables.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No path variable '" + name + "' in " + this.pathVariables);
		}
		return value;
	}

	/**
	 * The first value of a query parameter.
	 * @param name the name
	 * @return the value, or null
	 */
	public @Nullable String queryParameter(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * The body as JSON (an empty object for an empty body).
	 * @return the JSON
	 */
	public JsonNode json() {
		return (this.body.length == 0) ? JSON.createObjectNode() : JSON.readTree(this.body);
	}

	/**
	 * The body as text.
	 * @return the text
	 */
	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}

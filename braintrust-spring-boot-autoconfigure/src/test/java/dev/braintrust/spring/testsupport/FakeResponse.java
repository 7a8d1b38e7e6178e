package dev.braintrust.spring.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A response of {@link FakeBraintrustServer}. Every response a route handler returns is
 * validated against the OpenAPI spec before it is sent.
 *
 * @param status the status
 * @param contentType the content type
 * @param body the body
 * @param headers extra headers
 */
public record FakeResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A JSON response.
	 * @param status the status
	 * @param body the body
	 * @return the response
	 */
	public static FakeResponse json(int status, JsonNode body) {
		return new FakeResponse(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
	}

	/**
	 * A 200 JSON response.
	 * @param body the body
	 * @return the response
	 */
	public static FakeResponse ok(JsonNode body) {
		return json(200, body);
	}

	/**
	 * A plain text response, as Braintrust sends for errors.
	 * @param status the status
	 * @param text the body
	 * @return the response
	 */
	public static FakeResponse text(int status, String text) {
		return new FakeResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/**
	 * This response with one more header.
	 * @param name the header name
	 * @param value the value
	 * @return a copy
	 */
	public FakeResponse withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new FakeResponse(this.status, this.contentType, this.body, headers);
	}

}

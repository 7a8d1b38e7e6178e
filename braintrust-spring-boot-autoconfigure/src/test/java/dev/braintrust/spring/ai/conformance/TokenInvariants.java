package dev.braintrust.spring.ai.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The checks the README asks for on every LLM span, beyond the YAML: token metrics are
 * non-negative integers, {@code tokens == prompt_tokens + completion_tokens}, cached
 * tokens are part of the prompt tokens, reasoning tokens part of the completion tokens,
 * streaming calls report {@code time_to_first_token}, and no other metric names appear.
 */
final class TokenInvariants {

	static final Set<String> TOKEN_METRICS = Set.of("prompt_tokens", "completion_tokens", "tokens",
			"prompt_cached_tokens", "prompt_cache_creation_tokens", "completion_reasoning_tokens");

	static final Set<String> ALLOWED_METRICS = Set.of("start", "end", "time_to_first_token", "prompt_tokens",
			"completion_tokens", "tokens", "prompt_cached_tokens", "prompt_cache_creation_tokens",
			"completion_reasoning_tokens");

	private TokenInvariants() {
	}

	static List<String> check(JsonNode span, boolean streaming) {
		List<String> problems = new ArrayList<>();
		JsonNode metrics = span.path("metrics");
		for (String name : metrics.propertyNames()) {
			if (!ALLOWED_METRICS.contains(name)) {
				problems.add("metrics." + name + " is not a metric the spec allows");
			}
		}
		for (String name : TOKEN_METRICS) {
			JsonNode value = metrics.get(name);
			if (value != null && !(value.isIntegralNumber() && value.asLong() >= 0)) {
				problems.add("metrics." + name + " must be a non-negative integer, was " + value);
			}
		}
		if (has(metrics, "tokens") && has(metrics, "prompt_tokens") && has(metrics, "completion_tokens")
				&& metrics.get("tokens").asLong() != metrics.get("prompt_tokens").asLong()
						+ metrics.get("completion_tokens").asLong()) {
			problems.add("metrics.tokens " + metrics.get("tokens") + " != prompt_tokens + completion_tokens ("
					+ metrics.get("prompt_tokens") + " + " + metrics.get("completion_tokens") + ")");
		}
		long cacheTokens = metrics.path("prompt_cached_tokens").asLong(0)
				+ metrics.path("prompt_cache_creation_tokens").asLong(0);
		if (has(metrics, "prompt_tokens") && cacheTokens > metrics.get("prompt_tokens").asLong()) {
			problems.add(
					"cached tokens (" + cacheTokens + ") exceed metrics.prompt_tokens " + metrics.get("prompt_tokens"));
		}
		if (has(metrics, "completion_reasoning_tokens") && has(metrics, "completion_tokens")
				&& metrics.get("completion_reasoning_tokens").asLong() > metrics.get("completion_tokens").asLong()) {
			problems.add("metrics.completion_reasoning_tokens exceed metrics.completion_tokens");
		}
		JsonNode ttft = metrics.get("time_to_first_token");
		if (streaming && (ttft == null || !ttft.isNumber() || ttft.asDouble() < 0)) {
			problems.add("a streaming call needs metrics.time_to_first_token >= 0, was " + ttft);
		}
		if (ttft != null && !streaming) {
			problems.add("metrics.time_to_first_token on a call that did not stream");
		}
		return problems;
	}

	private static boolean has(JsonNode metrics, String name) {
		return metrics.get(name) != null && metrics.get(name).isNumber();
	}

}

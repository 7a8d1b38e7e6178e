package dev.braintrust.spring.testsupport;

import java.util.Map;

/**
 * The dated snapshot names the real APIs return for model aliases (OpenAI answers
 * {@code gpt-4o-mini} with {@code gpt-4o-mini-2024-07-18}).
 */
final class ModelSnapshots {

	private static final Map<String, String> SNAPSHOTS = Map.ofEntries(
			Map.entry("gpt-4o-mini", "gpt-4o-mini-2024-07-18"), Map.entry("gpt-4o", "gpt-4o-2024-08-06"),
			Map.entry("gpt-4.1", "gpt-4.1-2025-04-14"), Map.entry("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"),
			Map.entry("gpt-4.1-nano", "gpt-4.1-nano-2025-04-14"), Map.entry("gpt-4-turbo", "gpt-4-turbo-2024-04-09"),
			Map.entry("gpt-3.5-turbo", "gpt-3.5-turbo-0125"), Map.entry("o1", "o1-2024-12-17"),
			Map.entry("o3-mini", "o3-mini-2025-01-31"), Map.entry("o3", "o3-2025-04-16"),
			Map.entry("o4-mini", "o4-mini-2025-04-16"), Map.entry("gpt-5", "gpt-5-2025-08-07"),
			Map.entry("gpt-5-mini", "gpt-5-mini-2025-08-07"), Map.entry("gpt-5-nano", "gpt-5-nano-2025-08-07"),
			Map.entry("claude-haiku-4-5", "claude-haiku-4-5-20251001"),
			Map.entry("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
			Map.entry("claude-opus-4-1", "claude-opus-4-1-20250805"),
			Map.entry("claude-sonnet-4-0", "claude-sonnet-4-20250514"),
			Map.entry("claude-opus-4-0", "claude-opus-4-20250514"),
			Map.entry("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219"),
			Map.entry("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"));

	private ModelSnapshots() {
	}

	static String snapshot(String model) {
		return SNAPSHOTS.getOrDefault(model, model);
	}

	/** Whether the model thinks before answering and reports reasoning tokens. */
	static boolean isReasoningModel(String model) {
		return model.matches("^(o\\d.*|gpt-5.*)");
	}

}

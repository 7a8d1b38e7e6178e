package dev.braintrust.spring.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.util.StringUtils;

/**
 * Aggregates the chunks of a streamed model call into one {@link ChatResponse}: text and
 * tool calls per choice, the last finish reason, the response id and model, and the usage
 * of the chunk that reported it. Spring AI's OpenAI model gives every text chunk a usage
 * of zeros and the real usage only to the final usage-only chunk, so a usage with
 * all-zero counts never replaces a reported one. Also records when the first content
 * arrived. Thread-safe: Reactor may deliver chunks on different threads, one at a time.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class StreamAccumulator {

	private final Map<Integer, Choice> choices = new TreeMap<>();

	private final StringBuilder thinking = new StringBuilder();

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable Usage usage;

	private long firstContentNanos = -1;

	private int chunks;

	synchronized void add(ChatResponse chunk, long nanos) {
		this.chunks++;
		ChatResponseMetadata metadata = chunk.getMetadata();
		if (StringUtils.hasText(metadata.getId())) {
			this.id = metadata.getId();
		}
		if (StringUtils.hasText(metadata.getModel())) {
			this.model = metadata.getModel();
		}
		Usage chunkUsage = metadata.getUsage();
		if (chunkUsage != null && !(chunkUsage instanceof EmptyUsage)
				&& (hasCounts(chunkUsage) || chunk.getResults().isEmpty() || this.usage == null)) {
			this.usage = chunkUsage;
		}
		List<Generation> generations = chunk.getResults();
		for (int i = 0; i < generations.size(); i++) {
			Generation generation = generations.get(i);
			AssistantMessage output = generation.getOutput();
			String text = output.getText();
			boolean content = StringUtils.hasLength(text) || output.hasToolCalls();
			if (content && this.firstContentNanos < 0) {
				this.firstContentNanos = nanos;
			}
			if (Boolean.TRUE.equals(output.getMetadata().get("thinking"))) {
				if (text != null) {
					this.thinking.append(text);
				}
				continue;
			}
			Object index = output.getMetadata().get("index");
			Choice choice = this.choices.computeIfAbsent((index instanceof Number number) ? number.intValue() : i,
					(key) -> new Choice());
			if (text != null) {
				choice.text.append(text);
			}
			choice.toolCalls.addAll(output.getToolCalls());
			output.getMetadata().forEach((key, value) -> {
				if (value != null && !key.equals("thinking")) {
					choice.properties.put(key, value);
				}
			});
			String finishReason = generation.getMetadata().getFinishReason();
			if (StringUtils.hasText(finishReason) && !finishReason.startsWith("_")) {
				choice.finishReason = finishReason;
			}
		}
	}

	/**
	 * When the first text or tool call arrived.
	 * @return {@link System#nanoTime()} of the first content, or -1
	 */
	synchronized long firstContentNanos() {
		return this.firstContentNanos;
	}

	/**
	 * The chunks seen so far as one response.
	 * @return the response, or null when no chunk arrived
	 */
	synchronized @Nullable ChatResponse aggregate() {
		if (this.chunks == 0) {
			return null;
		}
		List<Generation> generations = new ArrayList<>();
		if (!this.thinking.isEmpty()) {
			generations.add(new Generation(AssistantMessage.builder()
				.content(this.thinking.toString())
				.properties(Map.of("thinking", Boolean.TRUE))
				.build()));
		}
		this.choices.forEach((index, choice) -> {
			Map<String, Object> properties = new LinkedHashMap<>(choice.properties);
			properties.put("index", index);
			AssistantMessage message = AssistantMessage.builder()
				.content(choice.text.toString())
				.properties(properties)
				.toolCalls(new ArrayList<>(choice.toolCalls))
				.build();
			ChatGenerationMetadata metadata = (choice.finishReason != null)
					? ChatGenerationMetadata.builder().finishReason(choice.finishReason).build()
					: ChatGenerationMetadata.NULL;
			generations.add(new Generation(message, metadata));
		});
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
		if (this.id != null) {
			metadata.id(this.id);
		}
		if (this.model != null) {
			metadata.model(this.model);
		}
		if (this.usage != null) {
			metadata.usage(this.usage);
		}
		return new ChatResponse(generations, metadata.build());
	}

	private static boolean hasCounts(Usage usage) {
		return isPositive(usage.getPromptTokens()) || isPositive(usage.getCompletionTokens())
				|| isPositive(usage.getTotalTokens());
	}

	private static boolean isPositive(@Nullable Integer value) {
		return value != null && value > 0;
	}

	private static final class Choice {

		private final StringBuilder text = new StringBuilder();

		private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private @Nullable String finishReason;

	}

}

package dev.braintrust.spring.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The contract by which an LLM span records the Braintrust prompt a Spring AI call was
 * built from, as {@code metadata.prompt} ({@code {variables, id, project_id, version}}),
 * so that Braintrust links the span to the prompt.
 * <p>
 * {@link SpringAiPrompts#toPrompt(BuiltPrompt)} puts the prompt metadata into the
 * metadata of every message it makes, under {@link #KEY}; it travels with the messages
 * through {@code ChatClient}, advisors and {@code ChatModel} calls, and is never sent to
 * the model. A caller can also pass it as an advisor parameter under the same key
 * ({@code .advisors((a) -> a.param(PromptSpanMetadata.KEY, built.promptMetadata()))}),
 * which takes precedence. Code that makes LLM spans calls {@link #find(Map, Prompt)} with
 * the request's context and prompt, and logs a non-null result as
 * {@code metadata.prompt}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class PromptSpanMetadata {

	/**
	 * The key of the prompt metadata in message metadata and in the
	 * {@code ChatClientRequest} context.
	 */
	public static final String KEY = "braintrust.prompt";

	/**
	 * The field of the span's {@code metadata} the prompt metadata goes to.
	 */
	public static final String METADATA_FIELD = "prompt";

	private PromptSpanMetadata() {
	}

	/**
	 * The prompt metadata of a Spring AI request.
	 * @param context the {@code ChatClientRequest} context (advisor parameters), or null
	 * at the {@code ChatModel} level
	 * @param prompt the request's prompt, or null
	 * @return the prompt metadata, or null when the request was not built from a
	 * Braintrust prompt
	 */
	public static @Nullable Map<String, Object> find(@Nullable Map<String, ?> context, @Nullable Prompt prompt) {
		if (context != null && context.get(KEY) instanceof Map<?, ?> metadata) {
			return cast(metadata);
		}
		return (prompt != null) ? find(prompt) : null;
	}

	/**
	 * The prompt metadata of a Spring AI prompt: that of the last message carrying it,
	 * which in a conversation with memory is the one built for this call.
	 * @param prompt the prompt
	 * @return the prompt metadata, or null when the prompt was not built from a
	 * Braintrust prompt
	 */
	public static @Nullable Map<String, Object> find(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i).getMetadata().get(KEY) instanceof Map<?, ?> metadata) {
				return cast(metadata);
			}
		}
		return null;
	}

	/**
	 * The prompt metadata without its {@code variables}, which hold user content: what to
	 * record when content capture is switched off.
	 * @param metadata the prompt metadata
	 * @return a copy without {@code variables}
	 */
	public static Map<String, Object> withoutVariables(Map<String, Object> metadata) {
		Map<String, Object> copy = new LinkedHashMap<>(metadata);
		copy.remove("variables");
		return Collections.unmodifiableMap(copy);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> metadata) {
		return (Map<String, Object>) metadata;
	}

}

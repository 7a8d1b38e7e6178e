package dev.braintrust.spring.eval.scorers;

import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolChoiceTool;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.util.ClassUtils;

/**
 * {@link ForcedToolChoice#providerDefault()}: OpenAI and Anthropic, each used only when
 * its Spring AI module is on the classpath (the nested classes are loaded on demand).
 *
 * @author Braintrust
 */
final class ProviderToolChoice implements ForcedToolChoice {

	static final ProviderToolChoice INSTANCE = new ProviderToolChoice();

	private static final ClassLoader CLASS_LOADER = ProviderToolChoice.class.getClassLoader();

	private static final boolean OPENAI_PRESENT = ClassUtils
		.isPresent("org.springframework.ai.openai.OpenAiChatOptions", CLASS_LOADER);

	private static final boolean ANTHROPIC_PRESENT = ClassUtils
		.isPresent("org.springframework.ai.anthropic.AnthropicChatOptions", CLASS_LOADER);

	private ProviderToolChoice() {
	}

	@Override
	public ChatOptions force(ChatOptions options, String toolName) {
		String type = options.getClass().getName();
		if (OPENAI_PRESENT && type.startsWith("org.springframework.ai.openai.")) {
			return OpenAi.force(options, toolName);
		}
		if (ANTHROPIC_PRESENT && type.startsWith("org.springframework.ai.anthropic.")) {
			return Anthropic.force(options, toolName);
		}
		return options;
	}

	@Override
	public String toString() {
		return "ForcedToolChoice.providerDefault()";
	}

	private static final class OpenAi {

		static ChatOptions force(ChatOptions options, String toolName) {
			if (!(options instanceof OpenAiChatOptions openAi)) {
				return options;
			}
			String choice = "{\"type\":\"function\",\"function\":{\"name\":" + PyValues.dumps(toolName) + "}}";
			return openAi.mutate().toolChoice(choice).build();
		}

	}

	private static final class Anthropic {

		static ChatOptions force(ChatOptions options, String toolName) {
			if (!(options instanceof AnthropicChatOptions anthropic)) {
				return options;
			}
			return anthropic.mutate()
				.toolChoice(ToolChoice.ofTool(ToolChoiceTool.builder().name(toolName).build()))
				.build();
		}

	}

}

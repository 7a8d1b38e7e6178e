package dev.braintrust.spring.eval.scorers;

import com.anthropic.models.messages.ToolChoice;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForcedToolChoice}.
 */
class ForcedToolChoiceTests {

	@Test
	void shouldForceTheToolOnOpenAi() {
		ChatOptions forced = ForcedToolChoice.providerDefault()
			.force(OpenAiChatOptions.builder().model("gpt-5-mini").temperature(0.5).build(), "select_choice");
		assertThat(forced).isInstanceOf(OpenAiChatOptions.class);
		OpenAiChatOptions openAi = (OpenAiChatOptions) forced;
		assertThat(openAi.getToolChoice())
			.isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"select_choice\"}}");
		assertThat(openAi.getModel()).isEqualTo("gpt-5-mini");
		assertThat(openAi.getTemperature()).isEqualTo(0.5);
	}

	@Test
	void shouldForceTheToolOnAnthropic() {
		ChatOptions forced = ForcedToolChoice.providerDefault()
			.force(AnthropicChatOptions.builder().model("claude-sonnet-4-5").build(), "select_choice");
		assertThat(forced).isInstanceOf(AnthropicChatOptions.class);
		ToolChoice choice = ((AnthropicChatOptions) forced).getToolChoice();
		assertThat(choice).isNotNull();
		assertThat(choice.isTool()).isTrue();
		assertThat(choice.asTool().name()).isEqualTo("select_choice");
		assertThat(forced.getModel()).isEqualTo("claude-sonnet-4-5");
	}

	@Test
	void shouldLeaveOtherProvidersAlone() {
		ChatOptions options = ToolCallingChatOptions.builder().model("local").build();
		assertThat(ForcedToolChoice.providerDefault().force(options, "select_choice")).isSameAs(options);
		ChatOptions openAi = OpenAiChatOptions.builder().build();
		assertThat(ForcedToolChoice.none().force(openAi, "select_choice")).isSameAs(openAi);
	}

}

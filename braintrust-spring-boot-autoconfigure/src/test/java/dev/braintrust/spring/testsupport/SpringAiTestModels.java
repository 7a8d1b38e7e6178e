package dev.braintrust.spring.testsupport;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI's own OpenAI and Anthropic chat models pointed at a {@link FakeLlmServer},
 * with retries off so that error tests see the first failure.
 */
public final class SpringAiTestModels {

	private SpringAiTestModels() {
	}

	/**
	 * An OpenAI chat model.
	 * @param server the fake server
	 * @param model the model name
	 * @param registry the observation registry
	 * @return the model
	 */
	public static OpenAiChatModel openAi(FakeLlmServer server, String model, ObservationRegistry registry) {
		return OpenAiChatModel.builder()
			.options(openAiOptions(server).model(model).build())
			.observationRegistry(registry)
			.build();
	}

	/**
	 * OpenAI options pointing at the server.
	 * @param server the fake server
	 * @return the options builder
	 */
	public static OpenAiChatOptions.Builder openAiOptions(FakeLlmServer server) {
		return OpenAiChatOptions.builder().baseUrl(server.openAiBaseUrl()).apiKey("sk-test-key").maxRetries(0);
	}

	/**
	 * An Anthropic chat model.
	 * @param server the fake server
	 * @param model the model name
	 * @param registry the observation registry
	 * @return the model
	 */
	public static AnthropicChatModel anthropic(FakeLlmServer server, String model, ObservationRegistry registry) {
		return AnthropicChatModel.builder()
			.options(anthropicOptions(server).model(model).maxTokens(512).build())
			.observationRegistry(registry)
			.build();
	}

	/**
	 * Anthropic options pointing at the server.
	 * @param server the fake server
	 * @return the options builder
	 */
	public static AnthropicChatOptions.Builder anthropicOptions(FakeLlmServer server) {
		return AnthropicChatOptions.builder().baseUrl(server.anthropicBaseUrl()).apiKey("sk-ant-test").maxRetries(0);
	}

}

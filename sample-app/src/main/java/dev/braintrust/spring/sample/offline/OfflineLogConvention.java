package dev.braintrust.spring.sample.offline;

import dev.braintrust.spring.ai.DefaultBraintrustAdvisorLogConvention;

import org.springframework.ai.chat.prompt.Prompt;

/**
 * Names the provider of every chat call {@code offline}, so the offline model's spans
 * read {@code offline.chat} with {@code metadata.provider: offline} and nobody mistakes
 * them for calls to a real provider. It is registered only with the offline model, the
 * only chat model then; the default would guess the provider from the model a prompt
 * names ({@code gpt-...} reads as OpenAI).
 *
 * @author Braintrust
 */
class OfflineLogConvention extends DefaultBraintrustAdvisorLogConvention {

	static final String PROVIDER = "offline";

	@Override
	public String provider(Prompt prompt) {
		return PROVIDER;
	}

}

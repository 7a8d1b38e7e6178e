package dev.braintrust.spring.sample.offline;

import dev.braintrust.spring.ai.DefaultBraintrustAdvisorLogConvention;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Names the offline model's provider {@code offline}, so its spans read
 * {@code offline.chat} with {@code metadata.provider: offline} and nobody mistakes them
 * for calls to a real provider. Every other call keeps the default naming.
 *
 * @author Braintrust
 */
class OfflineLogConvention extends DefaultBraintrustAdvisorLogConvention {

	static final String PROVIDER = "offline";

	@Override
	public String provider(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		if (options != null && OfflineSupportChatModel.MODEL.equals(options.getModel())) {
			return PROVIDER;
		}
		return super.provider(prompt);
	}

}

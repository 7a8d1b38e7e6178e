package dev.braintrust.spring.eval.scorers;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;

/**
 * Forces a judge's tool on the request before any other advisor sees it (so a logging
 * advisor records the forced {@code tool_choice}). Added per request by the judges, never
 * registered globally.
 *
 * @author Braintrust
 */
final class ForcedToolChoiceAdvisor implements CallAdvisor {

	private final ForcedToolChoice strategy;

	private final String toolName;

	ForcedToolChoiceAdvisor(ForcedToolChoice strategy, String toolName) {
		this.strategy = strategy;
		this.toolName = toolName;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		Prompt prompt = request.prompt();
		ChatOptions options = prompt.getOptions();
		if (options != null) {
			ChatOptions forced = this.strategy.force(options, this.toolName);
			if (forced != options) {
				request = request.mutate().prompt(prompt.mutate().chatOptions(forced).build()).build();
			}
		}
		return chain.nextCall(request);
	}

	@Override
	public String getName() {
		return "Braintrust forced tool choice";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

package dev.braintrust.spring.boot.autoconfigure.ai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for logging Spring AI calls to Braintrust.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@ConfigurationProperties("braintrust.ai")
public class BraintrustAiProperties {

	/**
	 * Whether to log Spring AI chat calls (ChatClient and ChatModel) as Braintrust spans.
	 */
	private boolean enabled = true;

	/**
	 * Whether to log the messages sent to and received from models, and tool arguments
	 * and results. The masking function applies to what is logged.
	 */
	private boolean captureContent = true;

	/**
	 * Order of the advisor that logs each model call. The default, LOWEST_PRECEDENCE -
	 * 1000, places it inside the tool-calling loop, so each round trip gets its own span.
	 */
	private int advisorOrder = 2147482647;

	/**
	 * Order of the advisor that logs tool executions and carries the caller's span
	 * through the tool-calling loop. Must be lower than the ToolCallingAdvisor's order
	 * ('spring.ai.chat.client.tool-calling.advisor-order'). The default is
	 * HIGHEST_PRECEDENCE + 250.
	 */
	private int toolAdvisorOrder = -2147483398;

	/**
	 * Chat-model observations, which log ChatModel calls made without the ChatClient
	 * advisor.
	 */
	private final Observations observations = new Observations();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isCaptureContent() {
		return this.captureContent;
	}

	public void setCaptureContent(boolean captureContent) {
		this.captureContent = captureContent;
	}

	public int getAdvisorOrder() {
		return this.advisorOrder;
	}

	public void setAdvisorOrder(int advisorOrder) {
		this.advisorOrder = advisorOrder;
	}

	public int getToolAdvisorOrder() {
		return this.toolAdvisorOrder;
	}

	public void setToolAdvisorOrder(int toolAdvisorOrder) {
		this.toolAdvisorOrder = toolAdvisorOrder;
	}

	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Chat-model observation handling.
	 */
	public static class Observations {

		/**
		 * Whether to log ChatModel calls made without the ChatClient advisor (direct
		 * ChatModel calls, hand-built ChatClients) from Spring AI's chat-model
		 * observations. Needs an ObservationRegistry bean.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}

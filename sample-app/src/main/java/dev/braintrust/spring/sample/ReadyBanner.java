package dev.braintrust.spring.sample;

import dev.braintrust.spring.sample.offline.OfflineSupportChatModel;
import dev.braintrust.spring.store.LocalStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says, once the application is ready (before the start-up evals run), which model
 * answers, where the Braintrust rows go and how to ask a first question.
 *
 * @author Braintrust
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadyBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyBanner.class);

	private final ChatModel chatModel;

	private final ObjectProvider<LocalStore> localStore;

	private final Environment environment;

	ReadyBanner(ChatModel chatModel, ObjectProvider<LocalStore> localStore, Environment environment) {
		this.chatModel = chatModel;
		this.localStore = localStore;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String port = this.environment.getProperty("local.server.port", "8080");
		String model = this.chatModel.getClass().getSimpleName() + " (" + this.chatModel.getOptions().getModel() + ")";
		if (this.chatModel instanceof OfflineSupportChatModel) {
			model += ", an offline stand-in: set OPENAI_API_KEY (or spring.ai.openai.base-url) for a real model";
		}
		LocalStore store = this.localStore.getIfAvailable();
		String braintrust = (store != null) ? "rows go to the local store in " + store.directory()
				: "rows go to Braintrust";
		logger
			.info("Support assistant ready on http://localhost:" + port + "; chat model: " + model + "; " + braintrust);
		logger.info("Ask it: curl -s localhost:" + port
				+ "/api/ask -H 'Content-Type: application/json' -d '{\"question\":\"Where is order 1042?\"}'");
	}

}

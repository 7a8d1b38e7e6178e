package dev.braintrust.spring.sample;

import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.StoredObject;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Logs one greeting at start-up and says where its rows went.
 *
 * @author Braintrust
 */
@Component
class StartupGreeting implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(StartupGreeting.class);

	private final GreetingService greetingService;

	private final BraintrustLogger braintrustLogger;

	private final ObjectProvider<LocalStore> localStore;

	StartupGreeting(GreetingService greetingService, BraintrustLogger braintrustLogger,
			ObjectProvider<LocalStore> localStore) {
		this.greetingService = greetingService;
		this.braintrustLogger = braintrustLogger;
		this.localStore = localStore;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.greetingService.greet("start-up");
		this.braintrustLogger.flush();
		LocalStore store = this.localStore.getIfAvailable();
		if (store != null) {
			List<StoredObject> objects = store.listObjects();
			objects.forEach((object) -> logger
				.info("Braintrust local store: " + object.ref().type().wireName() + " '" + object.name() + "' has "
						+ store.readMergedRows(object.ref()).size() + " rows in " + object.rowsFile()));
		}
	}

}

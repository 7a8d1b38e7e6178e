package dev.braintrust.spring.eval;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Subscribes to Reactor results; loaded only when Reactor is on the classpath.
 *
 * @author Braintrust
 */
final class ReactorResults {

	private ReactorResults() {
	}

	@SuppressWarnings("unchecked")
	static CompletableFuture<@Nullable Object> monoToFuture(Object mono) {
		// cancelling the future cancels the subscription
		return ((Mono<Object>) mono).toFuture();
	}

	@SuppressWarnings("unchecked")
	static CompletableFuture<@Nullable Object> fluxToFuture(Object flux) {
		return ((Flux<Object>) flux).collectList().map((items) -> (Object) items).toFuture();
	}

}

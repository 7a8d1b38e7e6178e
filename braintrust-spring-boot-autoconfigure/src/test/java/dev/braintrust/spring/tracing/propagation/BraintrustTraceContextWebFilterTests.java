package dev.braintrust.spring.tracing.propagation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.tracing.CurrentSpanThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustTraceContextWebFilter}.
 *
 * @author Braintrust
 */
class BraintrustTraceContextWebFilterTests {

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("server", null))
		.build();

	private final BraintrustTraceContextWebFilter filter = new BraintrustTraceContextWebFilter(this.logger);

	@BeforeAll
	static void enableAutomaticContextPropagation() {
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterAll
	static void disableAutomaticContextPropagation() {
		Hooks.disableAutomaticContextPropagation();
	}

	@AfterEach
	void close() {
		this.logger.close();
	}

	@Test
	void callersSpanIsInTheReactorContextAndCurrentInTheHandler() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/price")
			.header("TRACEPARENT", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.header("baggage", "userId=alice,braintrust.parent=project_id%3Ap-1"));
		AtomicReference<@Nullable Span> inContext = new AtomicReference<>();
		AtomicReference<@Nullable Span> current = new AtomicReference<>();
		WebFilterChain chain = (ignored) -> Mono.deferContextual((context) -> {
			inContext.set(context.getOrDefault(CurrentSpanThreadLocalAccessor.KEY, null));
			return Mono.fromRunnable(() -> current.set(CurrentSpan.getOrNull()))
				.subscribeOn(Schedulers.boundedElastic())
				.then();
		});
		this.filter.filter(exchange, chain).block(Duration.ofSeconds(10));
		assertThat(inContext.get()).isNotNull();
		assertThat(inContext.get().spanId()).isEqualTo("b7ad6b7169203331");
		assertThat(inContext.get().target()).isEqualTo(ObjectRef.projectLogs(null, "p-1"));
		assertThat(current.get()).isSameAs(inContext.get());
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	@Test
	void requestWithoutValidTraceContextPassesThrough() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/price").header("traceparent", "01-garbage"));
		AtomicReference<String> seen = new AtomicReference<>();
		WebFilterChain chain = (ignored) -> Mono.deferContextual((context) -> {
			seen.set(context.hasKey(CurrentSpanThreadLocalAccessor.KEY) ? "span" : "none");
			return Mono.empty();
		});
		this.filter.filter(exchange, chain).block(Duration.ofSeconds(10));
		assertThat(seen.get()).isEqualTo("none");
	}

}

package dev.braintrust.spring.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.testsupport.FakeLlmServer;
import dev.braintrust.spring.testsupport.InMemoryLogExporter;
import dev.braintrust.spring.testsupport.SpringAiTestModels;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BraintrustChatModelObservationHandler}: {@code ChatModel} calls made
 * without the advisor are logged, and calls the advisor makes are not logged twice.
 */
@Timeout(60)
class BraintrustChatModelObservationHandlerTests {

	private static FakeLlmServer server;

	private final InMemoryLogExporter exporter = new InMemoryLogExporter();

	private BraintrustLogger logger;

	private ObservationRegistry registry;

	@BeforeAll
	static void startServer() {
		server = FakeLlmServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void setUp() {
		server.reset();
		this.logger = InMemoryLogExporter.logger(this.exporter);
		this.registry = ObservationRegistry.create();
		this.registry.observationConfig()
			.observationHandler(new BraintrustChatModelObservationHandler(this.logger,
					new DefaultBraintrustAdvisorLogConvention(), true));
	}

	@AfterEach
	void tearDown() {
		this.logger.close();
	}

	@Test
	void directChatModelCallIsLoggedOnceUnderTheCurrentSpan() {
		ChatModel model = SpringAiTestModels.openAi(server, "gpt-4o-mini", this.registry);
		ChatResponse response = this.logger.traced("job", (span) -> model.call(new Prompt("What is 6 * 7?")));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("6 × 7 = 42.");
		ObjectNode job = this.exporter.span("job").orElseThrow();
		assertThat(this.exporter.childrenOf(job)).singleElement().satisfies((llm) -> {
			assertThat(llm.path("span_attributes").path("name").asString()).isEqualTo("Chat Completion");
			assertThat(llm.path("input").get(0).path("content").asString()).isEqualTo("What is 6 * 7?");
			assertThat(llm.path("output").get(0).path("message").path("content").asString()).isEqualTo("6 × 7 = 42.");
			assertThat(llm.path("metadata").path("model").asString()).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(llm.path("metadata").path("provider").asString()).isEqualTo("openai");
			assertThat(llm.path("metrics").path("prompt_cached_tokens").isIntegralNumber()).isTrue();
			assertThat(llm.path("context").path("span_origin").path("instrumentation").path("name").asString())
				.isEqualTo("spring-ai");
		});
	}

	@Test
	void chatClientWithTheAdvisorIsLoggedOnceForCallsAndStreams() {
		ChatModel model = SpringAiTestModels.anthropic(server, "claude-haiku-4-5", this.registry);
		ChatClient noopRegistryClient = ChatClient.builder(model).defaultAdvisors(advisors()).build();
		ChatClient observedClient = ChatClient.builder(model, this.registry, null, null)
			.defaultAdvisors(advisors())
			.build();
		noopRegistryClient.prompt().user("Hi").call().content();
		observedClient.prompt().user("Hi").call().content();
		noopRegistryClient.prompt().user("Count to 3").stream().content().collectList().block();
		observedClient.prompt().user("Count to 3").stream().content().collectList().block();
		assertThat(server.requests()).hasSize(4);
		assertThat(this.exporter.spans("llm")).extracting((row) -> row.path("span_attributes").path("name").asString())
			.containsExactly("anthropic.messages.create", "anthropic.messages.create", "anthropic.messages.stream",
					"anthropic.messages.stream");
	}

	@Test
	void streamSubscribedOnAnotherThreadBelowTheAdvisorIsLoggedOnce() {
		StreamAdvisor hop = new StreamAdvisor() {

			@Override
			public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
				return chain.nextStream(request).subscribeOn(Schedulers.boundedElastic());
			}

			@Override
			public String getName() {
				return "hop";
			}

			@Override
			public int getOrder() {
				return Ordered.LOWEST_PRECEDENCE - 10;
			}

		};
		ChatModel model = SpringAiTestModels.openAi(server, "gpt-4o-mini", this.registry);
		ChatClient client = ChatClient.builder(model, this.registry, null, null)
			.defaultAdvisors(advisors())
			.defaultAdvisors(hop)
			.build();
		client.prompt().user("Count to 4").stream().content().collectList().block();
		assertThat(this.exporter.spans("llm")).singleElement()
			.satisfies((llm) -> assertThat(llm.path("metrics").has("time_to_first_token")).isTrue());
	}

	@Test
	void handBuiltChatClientWithoutTheAdvisorIsLoggedByTheHandler() {
		ChatModel model = SpringAiTestModels.openAi(server, "gpt-4o-mini", this.registry);
		ChatClient client = ChatClient.create(model, this.registry);
		this.logger.traced("request", (span) -> client.prompt().user("What is the capital of Italy?").call().content());
		assertThat(this.exporter.childrenOf(this.exporter.span("request").orElseThrow())).singleElement()
			.satisfies((llm) -> assertThat(llm.path("output").get(0).path("message").path("content").asString())
				.isEqualTo("The capital of Italy is Rome."));
	}

	@Test
	void directStreamIsAggregatedAndEndsOnCompletion() {
		ChatModel model = SpringAiTestModels.openAi(server, "gpt-4o-mini", this.registry);
		List<ChatResponse> chunks = model.stream(new Prompt("Count to 5")).collectList().block();
		assertThat(chunks).isNotEmpty();
		// Spring AI stops the observation in doFinally, just after the subscriber saw
		// completion
		ObjectNode llm = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.spans("llm").stream().findFirst().orElse(null),
					(row) -> row != null && row.path("metrics").has("end"));
		assertThat(this.exporter.spans("llm")).hasSize(1);
		assertThat(llm.path("metadata").path("stream").asBoolean()).isTrue();
		assertThat(llm.path("metadata").has("cancelled")).isFalse();
		assertThat(llm.path("output").get(0).path("message").path("content").asString()).isEqualTo("1, 2, 3, 4, 5.");
		assertThat(llm.path("metrics").path("prompt_tokens").asLong()).isPositive();
		assertThat(llm.path("metrics").path("tokens").asLong())
			.isEqualTo(llm.path("metrics").path("prompt_tokens").asLong()
					+ llm.path("metrics").path("completion_tokens").asLong());
	}

	@Test
	void cancelledDirectStreamIsMarkedCancelled() {
		server.chunkDelay(Duration.ofMillis(15));
		ChatModel model = SpringAiTestModels.openAi(server, "gpt-4o-mini", this.registry);
		List<ChatResponse> received = new CopyOnWriteArrayList<>();
		Disposable subscription = model.stream(new Prompt("Count to 300")).subscribe(received::add);
		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 4);
		subscription.dispose();
		ObjectNode llm = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.spans("llm").stream().findFirst().orElse(null),
					(row) -> row != null && row.path("metrics").has("end"));
		assertThat(llm.path("metadata").path("cancelled").asBoolean()).isTrue();
		assertThat(llm.has("error")).isFalse();
	}

	@Test
	void failedDirectCallIsMarkedAndRethrown() {
		server.failNext(429);
		ChatModel model = SpringAiTestModels.anthropic(server, "claude-haiku-4-5", this.registry);
		assertThatException().isThrownBy(() -> model.call(new Prompt("Hi")));
		assertThat(this.exporter.spans("llm")).singleElement().satisfies((llm) -> {
			assertThat(llm.path("error").asString()).contains("429");
			assertThat(llm.path("metadata").path("model").asString()).isEqualTo("claude-haiku-4-5");
			assertThat(llm.path("metrics").has("prompt_tokens")).isFalse();
			assertThat(llm.path("metrics").has("end")).isTrue();
		});
	}

	private List<org.springframework.ai.chat.client.advisor.api.Advisor> advisors() {
		return List.of(BraintrustToolCallAdvisor.builder(this.logger).build(),
				BraintrustChatClientAdvisor.builder(this.logger).build());
	}

}

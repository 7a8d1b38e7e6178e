package dev.braintrust.spring.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.prompt.BraintrustPrompt;
import dev.braintrust.spring.prompt.BuiltPrompt;
import dev.braintrust.spring.prompt.PromptSpanMetadata;
import dev.braintrust.spring.prompt.SpringAiPrompts;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BraintrustChatClientAdvisor} and {@link BraintrustToolCallAdvisor},
 * through Spring AI's own OpenAI and Anthropic chat models talking to a fake provider on
 * 127.0.0.1.
 */
@Timeout(60)
class BraintrustChatClientAdvisorTests {

	private static FakeLlmServer server;

	private final InMemoryLogExporter exporter = new InMemoryLogExporter();

	private BraintrustLogger logger;

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
	}

	@AfterEach
	void tearDown() {
		this.logger.close();
	}

	@Test
	void callIsOneLlmSpanUnderTheCurrentSpanWithOpenAiShapes() {
		ChatClient client = client(openAi(), true);
		String answer = this.logger.traced("handler",
				(span) -> client.prompt()
					.system("you are a helpful assistant")
					.user("What is the capital of France?")
					.call()
					.content());
		assertThat(answer).isEqualTo("The capital of France is Paris.");
		ObjectNode parent = this.exporter.span("handler").orElseThrow();
		List<ObjectNode> children = this.exporter.childrenOf(parent);
		assertThat(children).singleElement().satisfies((llm) -> {
			assertThat(llm.path("span_attributes").path("type").asString()).isEqualTo("llm");
			assertThat(llm.path("span_attributes").path("name").asString()).isEqualTo("Chat Completion");
			assertThat(llm.path("input").toString()).isEqualTo(
					"[{\"role\":\"system\",\"content\":\"you are a helpful assistant\"},{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]");
			JsonNode choice = llm.path("output").get(0);
			assertThat(choice.path("index").asInt()).isZero();
			assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
			assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
			assertThat(choice.path("message").path("content").asString()).isEqualTo("The capital of France is Paris.");
			assertThat(llm.path("metadata").path("model").asString()).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(llm.path("metadata").path("provider").asString()).isEqualTo("openai");
			assertThat(llm.path("metadata").path("temperature").asDouble()).isEqualTo(0.5);
			assertThat(llm.path("metadata").has("tools")).isFalse();
			JsonNode metrics = llm.path("metrics");
			JsonNode usage = lastResponseUsage();
			assertThat(metrics.path("prompt_tokens").asLong()).isEqualTo(usage.path("prompt_tokens").asLong());
			assertThat(metrics.path("completion_tokens").asLong()).isEqualTo(usage.path("completion_tokens").asLong());
			assertThat(metrics.path("tokens").asLong()).isEqualTo(usage.path("total_tokens").asLong());
			assertThat(metrics.path("prompt_cached_tokens").isIntegralNumber()).isTrue();
			assertThat(metrics.path("completion_reasoning_tokens").asLong()).isZero();
			assertThat(metrics.has("time_to_first_token")).isFalse();
			assertThat(metrics.path("end").asDouble()).isGreaterThanOrEqualTo(metrics.path("start").asDouble());
			assertThat(llm.path("context").path("span_origin").path("instrumentation").path("name").asString())
				.isEqualTo("spring-ai");
		});
	}

	@Test
	void anLlmSpanOfABuiltPromptRecordsThePrompt() {
		String messages = "[{\"role\":\"system\",\"content\":\"you are a helpful assistant\"},"
				+ "{\"role\":\"user\",\"content\":\"What is the capital of {{country}}?\"}]";
		BuiltPrompt built = BraintrustPrompt
			.fromJson("{\"id\":\"5b1e8ba4-55a4-4a8e-8b6e-4d0a5ff1c9a1\","
					+ "\"_xact_id\":\"1000192656880881099\",\"project_id\":\"0f5c6f0e-2a59-4c43-9d59-8a3c3e4d2b10\","
					+ "\"slug\":\"capital\",\"prompt_data\":{\"prompt\":{\"type\":\"chat\",\"messages\":" + messages
					+ "}}}")
			.build(Map.of("country", "France"));
		for (boolean capture : new boolean[] { true, false }) {
			this.exporter.clear();
			String answer = this.logger.traced("handler",
					(span) -> client(openAi(), capture).prompt(SpringAiPrompts.toPrompt(built)).call().content());
			assertThat(answer).isEqualTo("The capital of France is Paris.");
			ObjectNode llm = this.exporter.childrenOf(this.exporter.span("handler").orElseThrow()).get(0);
			assertThat(llm.at("/metadata/prompt/id").asString()).isEqualTo("5b1e8ba4-55a4-4a8e-8b6e-4d0a5ff1c9a1");
			assertThat(llm.at("/metadata/prompt/project_id").asString())
				.isEqualTo("0f5c6f0e-2a59-4c43-9d59-8a3c3e4d2b10");
			assertThat(llm.at("/metadata/prompt/version").asString()).isEqualTo("1000192656880881099");
			assertThat(llm.at("/metadata/prompt/variables/country").isMissingNode()).isEqualTo(!capture);
		}
		this.exporter.clear();
		this.logger.traced("handler",
				(span) -> client(openAi(), true).prompt(SpringAiPrompts.toPrompt(built))
					.advisors((advisors) -> advisors.param(PromptSpanMetadata.KEY, Map.of("id", "explicit")))
					.call()
					.content());
		ObjectNode llm = this.exporter.childrenOf(this.exporter.span("handler").orElseThrow()).get(0);
		assertThat(llm.at("/metadata/prompt/id").asString()).isEqualTo("explicit");
	}

	@Test
	void toolCallIsTwoLlmSpansAndOneToolSpanUnderOneParentInOrder() {
		WeatherTools tools = new WeatherTools();
		ChatClient client = client(openAi(), true);
		String answer = this.logger.traced("agent",
				(span) -> client.prompt().user("What's the weather in Paris?").tools(tools).call().content());
		assertThat(answer).isEqualTo("According to getWeather, 18 degrees and sunny in Paris.");
		assertThat(tools.calls).containsExactly("Paris");
		List<ObjectNode> children = this.exporter.childrenOf(this.exporter.span("agent").orElseThrow());
		assertThat(children).extracting((row) -> row.path("span_attributes").path("type").asString())
			.containsExactly("llm", "tool", "llm");
		ObjectNode first = children.get(0);
		ObjectNode tool = children.get(1);
		ObjectNode second = children.get(2);
		JsonNode toolCall = first.path("output").get(0).path("message").path("tool_calls").get(0);
		assertThat(first.path("output").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(toolCall.path("function").path("name").asString()).isEqualTo("getWeather");
		assertThat(first.path("metadata").path("tools").get(0).path("function").path("name").asString())
			.isEqualTo("getWeather");
		assertThat(
				first.path("metadata").path("tools").get(0).path("function").path("parameters").path("type").asString())
			.isEqualTo("object");
		assertThat(first.path("input").toString()).doesNotContain("\"tools\"");
		assertThat(tool.path("span_attributes").path("name").asString()).isEqualTo("getWeather");
		assertThat(tool.path("input").path("location").asString()).isEqualTo("Paris");
		assertThat(tool.path("output").asString()).isEqualTo("18 degrees and sunny in Paris");
		assertThat(second.path("input").get(1).path("tool_calls").get(0).path("id").asString())
			.isEqualTo(toolCall.path("id").asString());
		assertThat(second.path("input").get(2).path("role").asString()).isEqualTo("tool");
		assertThat(second.path("input").get(2).path("tool_call_id").asString())
			.isEqualTo(toolCall.path("id").asString());
		assertThat(second.path("output").get(0).path("message").path("content").asString()).isEqualTo(answer);
		assertThat(first.path("metrics").path("start").asDouble())
			.isLessThanOrEqualTo(tool.path("metrics").path("start").asDouble());
		assertThat(tool.path("metrics").path("end").asDouble())
			.isLessThanOrEqualTo(second.path("metrics").path("start").asDouble());
	}

	@Test
	void streamedToolLoopNestsEveryRoundTripUnderTheCaller() {
		WeatherTools tools = new WeatherTools();
		ChatClient client = client(anthropic(), true);
		String answer = this.logger.traced("agent",
				(span) -> String.join("",
						client.prompt()
							.user("What's the weather in Paris?")
							.tools(tools)
							.stream()
							.content()
							.collectList()
							.block()));
		// Claude's text before the tool call streams through to the caller, as with the
		// real API
		assertThat(answer).isEqualTo(
				"I'll use the getWeather tool to answer that.According to getWeather, 18 degrees and sunny in Paris.");
		List<ObjectNode> children = this.exporter.childrenOf(this.exporter.span("agent").orElseThrow());
		assertThat(children).extracting((row) -> row.path("span_attributes").path("name").asString())
			.containsExactly("anthropic.messages.stream", "getWeather", "anthropic.messages.stream");
		ObjectNode first = children.get(0);
		assertThat(first.path("output").path("role").asString()).isEqualTo("assistant");
		JsonNode toolUse = first.path("output").path("content").get(1);
		assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
		assertThat(toolUse.path("input").path("location").asString()).isEqualTo("Paris");
		assertThat(first.path("output").path("stop_reason").asString()).isEqualTo("tool_use");
		ObjectNode second = children.get(2);
		assertThat(second.path("input").get(2).path("content").get(0).path("type").asString()).isEqualTo("tool_result");
		assertThat(first.path("output").path("content").get(0).path("text").asString())
			.isEqualTo("I'll use the getWeather tool to answer that.");
		assertThat(second.path("output").path("content").get(0).path("text").asString())
			.isEqualTo("According to getWeather, 18 degrees and sunny in Paris.");
		assertThat(children).allSatisfy((row) -> assertThat(row.path("metrics").has("end")).isTrue());
		assertThat(List.of(first, second)).allSatisfy((llm) -> {
			assertThat(llm.path("metrics").path("time_to_first_token").asDouble()).isPositive();
			assertThat(llm.path("metrics").path("prompt_tokens").asLong()).isPositive();
			assertThat(llm.path("metrics").path("prompt_cached_tokens").isIntegralNumber()).isTrue();
			assertThat(llm.path("metadata").path("model").asString()).isEqualTo("claude-haiku-4-5-20251001");
			assertThat(llm.path("metadata").path("stream").asBoolean()).isTrue();
		});
	}

	@Test
	void spansStartedByAToolNestUnderTheToolSpan() {
		ChatClient client = client(openAi(), true);
		TracingTools tools = new TracingTools(this.logger);
		this.logger.traced("agent",
				(span) -> client.prompt().user("What's the weather in Paris?").tools(tools).call().content());
		ObjectNode tool = this.exporter.spans("tool").get(0);
		assertThat(this.exporter.childrenOf(tool)).singleElement()
			.satisfies((lookup) -> assertThat(lookup.path("span_attributes").path("name").asString())
				.isEqualTo("station lookup"));
	}

	@Test
	void agenticCallOutsideAnySpanGetsATaskSpan() {
		ChatClient client = client(openAi(), true);
		client.prompt().user("What's the weather in Rome?").tools(new WeatherTools()).call().content();
		ObjectNode run = this.exporter.span("ChatClient.call").orElseThrow();
		assertThat(run.path("span_attributes").path("type").asString()).isEqualTo("task");
		assertThat(run.path("span_parents").isNull()).isTrue();
		assertThat(run.path("output").asString()).isEqualTo("According to getWeather, 18 degrees and sunny in Rome.");
		assertThat(this.exporter.childrenOf(run))
			.extracting((row) -> row.path("span_attributes").path("type").asString())
			.containsExactly("llm", "tool", "llm");
		client.prompt().user("What is the capital of Spain?").call().content();
		ObjectNode lone = this.exporter.spans("llm").get(2);
		assertThat(lone.path("span_parents").isNull()).isTrue();
		assertThat(this.exporter.spans("task")).hasSize(1);
	}

	@Test
	void cancelledStreamEndsItsSpanOnceMarkedCancelled() {
		server.chunkDelay(Duration.ofMillis(15));
		ChatClient client = client(openAi(), true);
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicReference<Disposable> subscription = new AtomicReference<>();
		this.logger.traced("listener", (span) -> {
			subscription.set(client.prompt().user("Count from 1 to 200").stream().content().subscribe(received::add));
			return null;
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 6);
		subscription.get().dispose();
		ObjectNode llm = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.spans("llm").stream().findFirst().orElse(null),
					(row) -> row != null && row.path("metrics").has("end"));
		assertThat(llm.path("span_parents").get(0).asString())
			.isEqualTo(this.exporter.span("listener").orElseThrow().path("span_id").asString());
		assertThat(llm.path("metadata").path("cancelled").asBoolean()).isTrue();
		assertThat(llm.has("error")).isFalse();
		String partial = llm.path("output").get(0).path("message").path("content").asString();
		assertThat(partial).startsWith("1, 2, 3").doesNotContain("200");
		assertThat(llm.path("metrics").path("time_to_first_token").asDouble()).isPositive();
		assertThat(llm.path("metrics").has("prompt_tokens")).isFalse();
		assertThat(this.exporter.rawRows(llm.path("id").asString())).filteredOn((row) -> row.path("metrics").has("end"))
			.hasSize(1);
	}

	@Test
	void failedCallMarksTheSpanAndRethrowsTheSameException() {
		RuntimeException failure = new IllegalStateException("model unavailable");
		CallAdvisor failing = new CallAdvisor() {

			@Override
			public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
				throw failure;
			}

			@Override
			public String getName() {
				return "failing";
			}

			@Override
			public int getOrder() {
				return Ordered.LOWEST_PRECEDENCE - 10;
			}

		};
		ChatClient client = ChatClient.builder(openAi())
			.defaultAdvisors(advisors(true))
			.defaultAdvisors(failing)
			.build();
		Throwable thrown = catchThrowable(() -> client.prompt().user("Hi").call().content());
		assertThat(thrown).isSameAs(failure);
		ObjectNode llm = this.exporter.spans("llm").get(0);
		assertThat(llm.path("error").asString()).startsWith("java.lang.IllegalStateException: model unavailable");
		assertThat(llm.path("metrics").has("end")).isTrue();
		assertThat(llm.path("metadata").path("model").asString()).isEqualTo("gpt-4o-mini");
	}

	@Test
	void providerErrorsAndBrokenStreamsMarkTheSpan() {
		ChatClient client = client(openAi(), true);
		server.failNext(500);
		assertThatException().isThrownBy(() -> client.prompt().user("Hi").call().content());
		ObjectNode failed = this.exporter.spans("llm").get(0);
		assertThat(failed.path("error").asString()).contains("500");
		assertThat(failed.path("metrics").has("end")).isTrue();
		server.breakNextStreamAfter(4);
		ChatClient anthropicClient = client(anthropic(), true);
		assertThatException()
			.isThrownBy(() -> anthropicClient.prompt().user("Count to 50").stream().content().collectList().block());
		ObjectNode broken = this.exporter.spans("llm").get(1);
		assertThat(broken.path("span_attributes").path("name").asString()).isEqualTo("anthropic.messages.stream");
		assertThat(broken.path("error").asString()).isNotEmpty();
		assertThat(broken.path("metrics").has("end")).isTrue();
	}

	@Test
	void failingToolIsAToolSpanWithAnError() {
		ChatClient client = client(openAi(), true);
		this.logger.traced("agent", (
				span) -> client.prompt().user("What's the weather in Oslo?").tools(new BrokenTools()).call().content());
		ObjectNode tool = this.exporter.spans("tool").get(0);
		assertThat(tool.path("span_attributes").path("name").asString()).isEqualTo("getWeather");
		assertThat(tool.path("error").asString()).contains("weather station offline");
		assertThat(this.exporter.spans("llm")).hasSize(2);
	}

	@Test
	void contentCaptureOffLogsNoMessagesOrToolArguments() {
		ChatClient client = client(openAi(), false);
		client.prompt().user("What's the weather in Paris?").tools(new WeatherTools()).call().content();
		assertThat(this.exporter.spans()).allSatisfy((row) -> {
			assertThat(row.has("input")).isFalse();
			assertThat(row.has("output")).isFalse();
		});
		assertThat(this.exporter.spans("llm").get(0).path("metrics").path("tokens").asLong()).isPositive();
	}

	@Test
	void maskingFunctionAppliesToLoggedMessages() {
		BraintrustLogger masked = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("spring-ai-tests", null))
			.exporter(this.exporter)
			.async(false)
			.maskingFunction((value) -> value.toString().contains("France") ? StringNode.valueOf("<redacted>") : value)
			.build();
		ChatClient client = ChatClient.builder(openAi())
			.defaultAdvisors(BraintrustChatClientAdvisor.builder(masked).build())
			.build();
		client.prompt().user("What is the capital of France?").call().content();
		masked.close();
		ObjectNode llm = this.exporter.spans("llm").get(0);
		assertThat(llm.path("input").asString()).isEqualTo("<redacted>");
		assertThat(llm.path("output").asString()).isEqualTo("<redacted>");
	}

	@Test
	void conventionBeanRenamesAndExtends() {
		DefaultBraintrustAdvisorLogConvention convention = new DefaultBraintrustAdvisorLogConvention() {

			@Override
			public String spanName(BraintrustAdvisorLogContext context) {
				return "llm:" + context.getProvider();
			}

		};
		ChatClient client = ChatClient.builder(openAi())
			.defaultAdvisors(BraintrustChatClientAdvisor.builder(this.logger).convention(convention).build())
			.build();
		client.prompt().user("Hi").call().content();
		assertThat(this.exporter.spans("llm")).singleElement()
			.satisfies(
					(llm) -> assertThat(llm.path("span_attributes").path("name").asString()).isEqualTo("llm:openai"));
	}

	@Test
	void aFailingConventionNeverFailsTheCall() {
		DefaultBraintrustAdvisorLogConvention broken = new DefaultBraintrustAdvisorLogConvention() {

			@Override
			public Object input(BraintrustAdvisorLogContext context) {
				throw new IllegalStateException("convention bug");
			}

			@Override
			public java.util.Map<String, Number> metrics(BraintrustAdvisorLogContext context) {
				throw new IllegalStateException("convention bug");
			}

		};
		ChatClient client = ChatClient.builder(openAi())
			.defaultAdvisors(BraintrustChatClientAdvisor.builder(this.logger).convention(broken).build())
			.build();
		assertThat(client.prompt().user("What is the capital of Spain?").call().content())
			.isEqualTo("The capital of Spain is Madrid.");
		assertThat(this.exporter.spans("llm")).singleElement().satisfies((llm) -> {
			assertThat(llm.has("input")).isFalse();
			assertThat(llm.path("output").get(0).path("message").path("content").asString())
				.isEqualTo("The capital of Spain is Madrid.");
			assertThat(llm.path("metrics").has("end")).isTrue();
		});
	}

	@Test
	void aDisabledLoggerLeavesCallsAndStreamsWorking() {
		BraintrustLogger noop = BraintrustLogger.noop();
		ChatClient client = ChatClient.builder(openAi())
			.defaultAdvisors(BraintrustToolCallAdvisor.builder(noop).build(),
					BraintrustChatClientAdvisor.builder(noop).build())
			.build();
		assertThat(client.prompt().user("What's the weather in Paris?").tools(new WeatherTools()).call().content())
			.isEqualTo("According to getWeather, 18 degrees and sunny in Paris.");
		assertThat(String.join("", client.prompt().user("Count to 3").stream().content().collectList().block()))
			.isEqualTo("1, 2, 3.");
		assertThat(this.exporter.spans()).isEmpty();
	}

	@Test
	void streamSpanStartsAtSubscriptionNotAtAssembly() {
		ChatClient client = client(openAi(), true);
		Flux<String> content = client.prompt().user("Count to 3").stream().content();
		assertThat(this.exporter.spans()).isEmpty();
		assertThat(String.join("", content.collectList().block())).isEqualTo("1, 2, 3.");
		assertThat(this.exporter.spans("llm")).singleElement()
			.satisfies(
					(llm) -> assertThat(llm.path("output").get(0).path("finish_reason").asString()).isEqualTo("stop"));
	}

	private JsonNode lastResponseUsage() {
		return server.requests().get(server.requests().size() - 1).responseJson().path("usage");
	}

	private ChatModel openAi() {
		return SpringAiTestModels.openAi(server, "gpt-4o-mini", ObservationRegistry.NOOP);
	}

	private ChatModel anthropic() {
		return SpringAiTestModels.anthropic(server, "claude-haiku-4-5", ObservationRegistry.NOOP);
	}

	private ChatClient client(ChatModel model, boolean captureContent) {
		ChatClient.Builder builder = ChatClient.builder(model).defaultAdvisors(advisors(captureContent));
		if (model instanceof org.springframework.ai.openai.OpenAiChatModel) {
			builder.defaultOptions(org.springframework.ai.openai.OpenAiChatOptions.builder().temperature(0.5));
		}
		return builder.build();
	}

	private List<org.springframework.ai.chat.client.advisor.api.Advisor> advisors(boolean captureContent) {
		return List.of(BraintrustToolCallAdvisor.builder(this.logger).captureContent(captureContent).build(),
				BraintrustChatClientAdvisor.builder(this.logger).captureContent(captureContent).build());
	}

	static class WeatherTools {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Tool(description = "Get the current weather for a city")
		String getWeather(@ToolParam(description = "The city") String location) {
			this.calls.add(location);
			return "18 degrees and sunny in " + location;
		}

	}

	static class TracingTools {

		private final BraintrustLogger logger;

		TracingTools(BraintrustLogger logger) {
			this.logger = logger;
		}

		@Tool(description = "Get the current weather for a city")
		String getWeather(@ToolParam(description = "The city") String location) {
			return this.logger.traced("station lookup", (span) -> "12 degrees in " + location);
		}

	}

	static class BrokenTools {

		@Tool(description = "Get the current weather for a city")
		String getWeather(@ToolParam(description = "The city") String location) {
			throw new IllegalStateException("weather station offline");
		}

	}

}

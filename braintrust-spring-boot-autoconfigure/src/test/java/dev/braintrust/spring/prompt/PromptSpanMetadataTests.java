package dev.braintrust.spring.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromptSpanMetadata}: the prompt metadata put on the messages of a
 * built prompt travels through a real {@code ChatClient} to the advisors and the
 * {@code ChatModel}, and an LLM-span advisor following the contract records it as
 * {@code metadata.prompt}.
 *
 * @author Braintrust
 */
class PromptSpanMetadataTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BuiltPrompt built = BraintrustPrompt.fromJson(PromptFixtures.chat("42"))
		.build(Map.of("shop", "Tea", "customer", Map.of("name", "Ada"), "question", "Where is A-1?"));

	private final RecordingChatModel chatModel = new RecordingChatModel();

	private final InMemoryExporter exporter = new InMemoryExporter();

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.target(ObjectRef.projectLogs("prompts", null))
		.exporter(this.exporter)
		.async(false)
		.build();

	@Test
	void llmSpanOfAChatClientCallRecordsThePrompt() {
		ChatClient client = ChatClient.builder(this.chatModel).defaultAdvisors(new LlmSpanAdvisor(this.logger)).build();
		String answer = client.prompt(SpringAiPrompts.toPrompt(this.built)).call().content();
		assertThat(answer).isEqualTo("It has shipped.");
		JsonNode row = this.exporter.merged();
		assertThat(row.at("/span_attributes/type").stringValue()).isEqualTo("llm");
		assertThat(row.at("/metadata/prompt")).isEqualTo(JSON.readTree("""
				{"variables":{"shop":"Tea","customer":{"name":"Ada"},"question":"Where is A-1?"},
				 "id":"%s","project_id":"%s","version":"42"}
				""".formatted(PromptFixtures.PROMPT_ID, PromptFixtures.PROJECT_ID)));
	}

	@Test
	void chatModelReceivesThePromptMetadataButNotAsContent() {
		ChatClient.builder(this.chatModel).build().prompt(SpringAiPrompts.toPrompt(this.built)).call().content();
		Prompt received = this.chatModel.prompts.get(0);
		assertThat(PromptSpanMetadata.find(null, received)).isEqualTo(this.built.promptMetadata());
		assertThat(received.getContents()).doesNotContain("braintrust").doesNotContain("project_id");
	}

	@Test
	void everyModelCallOfTheToolLoopCarriesThePromptMetadata() {
		ToolCallingChatModel toolModel = new ToolCallingChatModel();
		ChatClient client = ChatClient.builder(toolModel).defaultAdvisors(new LlmSpanAdvisor(this.logger)).build();
		String answer = client.prompt(SpringAiPrompts.toPrompt(this.built))
			.toolCallbacks(new LookupOrderTool())
			.call()
			.content();
		assertThat(answer).isEqualTo("A-1 has shipped.");
		assertThat(toolModel.prompts).hasSize(2);
		assertThat(toolModel.prompts.get(1).getInstructions()).hasSize(4);
		assertThat(toolModel.prompts)
			.allSatisfy((prompt) -> assertThat(PromptSpanMetadata.find(prompt)).isEqualTo(this.built.promptMetadata()));
		List<ObjectNode> spans = RowMerger
			.replay(this.exporter.rows.stream().map((row) -> (ObjectNode) JSON.readTree(row.json())).toList());
		assertThat(spans).hasSize(2)
			.allSatisfy((span) -> assertThat(span.at("/metadata/prompt/version").stringValue()).isEqualTo("42"));
	}

	@Test
	void advisorParameterTakesPrecedence() {
		ChatClient client = ChatClient.builder(this.chatModel).defaultAdvisors(new LlmSpanAdvisor(this.logger)).build();
		Map<String, Object> explicit = Map.of("id", "other", "version", "7", "variables", Map.of());
		client.prompt(SpringAiPrompts.toPrompt(this.built))
			.advisors((advisors) -> advisors.param(PromptSpanMetadata.KEY, explicit))
			.call()
			.content();
		assertThat(this.exporter.merged().at("/metadata/prompt/id").stringValue()).isEqualTo("other");
	}

	@Test
	void withConversationHistoryTheMessagesOfThisCallWin() {
		BuiltPrompt earlier = BraintrustPrompt.fromJson(PromptFixtures.chat("41")).build(Map.of("question", "Hello?"));
		List<Message> messages = new ArrayList<>(SpringAiPrompts.toPrompt(earlier).getInstructions());
		messages.add(new AssistantMessage("Hi!"));
		messages.addAll(SpringAiPrompts.toPrompt(this.built).getInstructions());
		messages.add(new AssistantMessage("Let me check."));
		assertThat(PromptSpanMetadata.find(new Prompt(messages))).containsEntry("version", "42");
	}

	@Test
	void requestsNotBuiltFromAPromptHaveNone() {
		assertThat(PromptSpanMetadata.find(Map.of(), new Prompt(new UserMessage("hi")))).isNull();
		assertThat(PromptSpanMetadata.find(null, null)).isNull();
		ChatClient client = ChatClient.builder(this.chatModel).defaultAdvisors(new LlmSpanAdvisor(this.logger)).build();
		client.prompt("hi").call().content();
		assertThat(this.exporter.merged().has("metadata")).isFalse();
	}

	@Test
	void withoutVariablesLeavesTheUserContentOut() {
		assertThat(PromptSpanMetadata.withoutVariables(this.built.promptMetadata())).containsOnlyKeys("id",
				"project_id", "version");
		assertThat(this.built.promptMetadata()).containsKey("variables");
	}

	/**
	 * What Braintrust's LLM-span advisor does with the contract, reduced to the part that
	 * concerns prompts.
	 */
	static final class LlmSpanAdvisor implements CallAdvisor {

		private final BraintrustLogger logger;

		LlmSpanAdvisor(BraintrustLogger logger) {
			this.logger = logger;
		}

		@Override
		public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
			Span span = this.logger.startSpan(SpanOptions.named("Chat Completion").type(SpanType.LLM).build());
			try {
				Map<String, Object> prompt = PromptSpanMetadata.find(request.context(), request.prompt());
				if (prompt != null) {
					span.log((event) -> event.metadata(PromptSpanMetadata.METADATA_FIELD, prompt));
				}
				return chain.nextCall(request);
			}
			finally {
				span.end();
			}
		}

		@Override
		public String getName() {
			return "llm-span";
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE - 1000;
		}

	}

	static final class RecordingChatModel implements ChatModel {

		final List<Prompt> prompts = new CopyOnWriteArrayList<>();

		@Override
		public ChatResponse call(Prompt prompt) {
			this.prompts.add(prompt);
			return new ChatResponse(List.of(new Generation(new AssistantMessage("It has shipped."))));
		}

	}

	/**
	 * Asks for the {@code lookup_order} tool, then answers with its result.
	 */
	static final class ToolCallingChatModel implements ChatModel {

		final List<Prompt> prompts = new CopyOnWriteArrayList<>();

		@Override
		public ChatResponse call(Prompt prompt) {
			this.prompts.add(prompt);
			AssistantMessage answer = (this.prompts.size() == 1)
					? AssistantMessage.builder()
						.content("")
						.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup_order",
								"{\"id\":\"A-1\"}")))
						.build()
					: new AssistantMessage("A-1 has " + prompt.getInstructions()
						.stream()
						.filter(ToolResponseMessage.class::isInstance)
						.map((message) -> ((ToolResponseMessage) message).getResponses().get(0).responseData())
						.findFirst()
						.orElse("?") + ".");
			return new ChatResponse(List.of(new Generation(answer)));
		}

		@Override
		public ChatOptions getOptions() {
			return ToolCallingChatOptions.builder().build();
		}

	}

	static final class LookupOrderTool implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return ToolDefinition.builder()
				.name("lookup_order")
				.description("Find an order")
				.inputSchema("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}")
				.build();
		}

		@Override
		public String call(String toolInput) {
			return "shipped";
		}

	}

	static final class InMemoryExporter implements LogExporter {

		final List<LogRow> rows = new CopyOnWriteArrayList<>();

		@Override
		public void export(List<LogRow> rows) {
			this.rows.addAll(rows);
		}

		/**
		 * The single span's row, merged as Braintrust merges rows.
		 */
		JsonNode merged() {
			List<ObjectNode> merged = RowMerger
				.replay(this.rows.stream().map((row) -> (ObjectNode) JSON.readTree(row.json())).toList());
			assertThat(merged).hasSize(1);
			return merged.get(0);
		}

	}

}

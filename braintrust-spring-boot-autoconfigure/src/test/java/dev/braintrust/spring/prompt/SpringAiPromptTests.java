package dev.braintrust.spring.prompt;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.MimeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SpringAiPrompts}.
 *
 * @author Braintrust
 */
class SpringAiPromptTests {

	private final BuiltPrompt built = BraintrustPrompt.fromJson(PromptFixtures.chat("42"))
		.build(Map.of("shop", "Tea", "customer", Map.of("name", "Ada"), "question", "Where is A-1?"));

	@Test
	void messagesHaveTheRightTypesAndRenderedText() {
		Prompt prompt = SpringAiPrompts.toPrompt(this.built);
		assertThat(prompt.getInstructions()).extracting(Message::getMessageType)
			.containsExactly(MessageType.SYSTEM, MessageType.USER);
		assertThat(prompt.getInstructions()).extracting(Message::getText)
			.containsExactly("You are the support assistant of Tea.", "Customer Ada asks: Where is A-1?");
	}

	@Test
	void optionsMapBraintrustParameterNamesToSpringAi() {
		ChatOptions options = SpringAiPrompts.toPrompt(this.built).getOptions();
		assertThat(options).isNotNull();
		assertThat(options.getModel()).isEqualTo("gpt-4o");
		assertThat(options.getTemperature()).isEqualTo(0.2);
		assertThat(options.getMaxTokens()).isEqualTo(512);
		assertThat(options.getTopP()).isEqualTo(0.9);
		assertThat(options.getStopSequences()).containsExactly("END");
		assertThat(options.getFrequencyPenalty()).isEqualTo(0.1);
		assertThat(options.getPresencePenalty()).isEqualTo(0.3);
		assertThat(options.getTopK()).isNull();
	}

	@Test
	void anthropicAndGoogleParameterNamesMapToo() {
		ChatOptions anthropic = chatPrompt("[{\"role\":\"user\",\"content\":\"hi\"}]",
				"{\"model\":\"claude-sonnet-4\",\"params\":{\"max_tokens\":1024,\"temperature\":0,\"top_k\":5,"
						+ "\"stop_sequences\":[\"###\",\"END\"]}}")
			.getOptions();
		assertThat(anthropic.getMaxTokens()).isEqualTo(1024);
		assertThat(anthropic.getTemperature()).isEqualTo(0.0);
		assertThat(anthropic.getTopK()).isEqualTo(5);
		assertThat(anthropic.getStopSequences()).containsExactly("###", "END");
		ChatOptions google = chatPrompt("[{\"role\":\"user\",\"content\":\"hi\"}]",
				"{\"model\":\"gemini-2.5-flash\",\"params\":{\"maxOutputTokens\":256,\"topP\":0.5,\"topK\":3,"
						+ "\"stop\":\"STOP\"}}")
			.getOptions();
		assertThat(google.getMaxTokens()).isEqualTo(256);
		assertThat(google.getTopP()).isEqualTo(0.5);
		assertThat(google.getTopK()).isEqualTo(3);
		assertThat(google.getStopSequences()).containsExactly("STOP");
		ChatOptions completionTokens = chatPrompt("[{\"role\":\"user\",\"content\":\"hi\"}]",
				"{\"params\":{\"max_completion_tokens\":77}}")
			.getOptions();
		assertThat(completionTokens.getMaxTokens()).isEqualTo(77);
		assertThat(completionTokens.getModel()).isNull();
	}

	@Test
	void providerOptionsBuilderIsFilledIn() {
		Prompt prompt = SpringAiPrompts.toPrompt(this.built, OpenAiChatOptions.builder().user("u-1"));
		assertThat(prompt.getOptions()).isInstanceOfSatisfying(OpenAiChatOptions.class, (options) -> {
			assertThat(options.getModel()).isEqualTo("gpt-4o");
			assertThat(options.getTemperature()).isEqualTo(0.2);
			assertThat(options.getUser()).isEqualTo("u-1");
		});
	}

	@Test
	void everyMessageCarriesThePromptMetadata() {
		Prompt prompt = SpringAiPrompts.toPrompt(this.built);
		assertThat(prompt.getInstructions()).allSatisfy((message) -> assertThat(message.getMetadata())
			.containsEntry(PromptSpanMetadata.KEY, this.built.promptMetadata()));
		assertThat(PromptSpanMetadata.find(prompt)).containsEntry("id", PromptFixtures.PROMPT_ID)
			.containsEntry("project_id", PromptFixtures.PROJECT_ID)
			.containsEntry("version", "42")
			.containsEntry("variables",
					Map.of("shop", "Tea", "customer", Map.of("name", "Ada"), "question", "Where is A-1?"));
	}

	@Test
	void toolCallsAndToolResultsBecomeSpringAiMessages() {
		Prompt prompt = chatPrompt("""
				[{"role":"developer","content":"Be brief"},
				 {"role":"user","content":"Where is A-1?"},
				 {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function",
				   "function":{"name":"lookup_order","arguments":"{\\"id\\":\\"A-1\\"}"}}]},
				 {"role":"tool","tool_call_id":"call_1","content":"shipped"},
				 {"role":"assistant","content":null,"function_call":{"name":"eta","arguments":"{}"}},
				 {"role":"function","name":"eta","content":"tomorrow"},
				 {"role":"model","content":"It ships tomorrow."}]
				""", "{}");
		List<Message> messages = prompt.getInstructions();
		assertThat(messages.get(0)).isInstanceOf(SystemMessage.class)
			.extracting(Message::getText)
			.isEqualTo("Be brief");
		assertThat(messages.get(2)).isInstanceOfSatisfying(AssistantMessage.class,
				(assistant) -> assertThat(assistant.getToolCalls()).containsExactly(
						new AssistantMessage.ToolCall("call_1", "function", "lookup_order", "{\"id\":\"A-1\"}")));
		assertThat(messages.get(3)).isInstanceOfSatisfying(ToolResponseMessage.class,
				(tool) -> assertThat(tool.getResponses())
					.containsExactly(new ToolResponseMessage.ToolResponse("call_1", "lookup_order", "shipped")));
		assertThat(messages.get(4)).isInstanceOfSatisfying(AssistantMessage.class,
				(assistant) -> assertThat(assistant.getToolCalls())
					.containsExactly(new AssistantMessage.ToolCall("eta", "function", "eta", "{}")));
		assertThat(messages.get(5)).isInstanceOfSatisfying(ToolResponseMessage.class,
				(tool) -> assertThat(tool.getResponses())
					.containsExactly(new ToolResponseMessage.ToolResponse("eta", "eta", "tomorrow")));
		assertThat(messages.get(6)).isInstanceOf(AssistantMessage.class)
			.extracting(Message::getText)
			.isEqualTo("It ships tomorrow.");
		assertThat(messages)
			.allSatisfy((message) -> assertThat(message.getMetadata()).containsKey(PromptSpanMetadata.KEY));
	}

	@Test
	void contentPartsBecomeTextAndMedia() {
		String png = Base64.getEncoder().encodeToString(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Prompt prompt = chatPrompt("""
				[{"role":"user","content":[{"type":"text","text":"What is in"},{"type":"text","text":"these?"},
				  {"type":"image_url","image_url":{"url":"https://img.example/cat.JPG?size=2"}},
				  {"type":"image_url","image_url":{"url":"https://img.example/any"}},
				  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}},
				  {"type":"file","file":{"file_data":"data:application/pdf;base64,%s","filename":"a.pdf"}}]}]
				""".formatted(png, png), "{}");
		UserMessage user = (UserMessage) prompt.getInstructions().get(0);
		assertThat(user.getText()).isEqualTo("What is in\nthese?");
		assertThat(user.getMedia()).extracting(Media::getMimeType)
			.containsExactly(Media.Format.IMAGE_JPEG, MimeType.valueOf("image/*"), Media.Format.IMAGE_PNG,
					Media.Format.DOC_PDF);
		assertThat(user.getMedia().get(0).getData()).isEqualTo("https://img.example/cat.JPG?size=2");
		assertThat(user.getMedia().get(2).getDataAsByteArray()).containsExactly((byte) 0x89, 'P', 'N', 'G');
	}

	@Test
	void fileReferencesWithoutDataAreRejectedClearly() {
		BuiltPrompt withFileId = chatBuilt(
				"[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}]}]", "{}");
		assertThatIllegalStateException().isThrownBy(() -> SpringAiPrompts.toPrompt(withFileId))
			.withMessage(
					"Message 0 of prompt 't' has a file part without inline file_data, which Spring AI cannot send");
	}

	@Test
	void completionPromptBecomesOneUserMessage() {
		BuiltPrompt completion = BraintrustPrompt
			.fromJson(
					"{\"slug\":\"c\",\"prompt_data\":{\"prompt\":{\"type\":\"completion\",\"content\":\"Say {{x}}\"}}}")
			.build(Map.of("x", "hi"));
		Prompt prompt = SpringAiPrompts.toPrompt(completion);
		assertThat(prompt.getInstructions()).singleElement()
			.isInstanceOf(UserMessage.class)
			.extracting(Message::getText)
			.isEqualTo("Say hi");
		assertThat(PromptSpanMetadata.find(prompt)).containsEntry("version", completion.source().version());
	}

	@Test
	void toolsBecomeSpringAiToolDefinitions() {
		List<ToolDefinition> definitions = SpringAiPrompts.toolDefinitions(this.built);
		assertThat(definitions).singleElement().satisfies((definition) -> {
			assertThat(definition.name()).isEqualTo("lookup_order");
			assertThat(definition.description()).isEqualTo("Find an order of Ada");
			assertThat(definition.inputSchema())
				.isEqualTo("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}");
		});
	}

	private static Prompt chatPrompt(String messages, String options) {
		return SpringAiPrompts.toPrompt(chatBuilt(messages, options));
	}

	private static BuiltPrompt chatBuilt(String messages, String options) {
		return BraintrustPrompt
			.fromJson("{\"slug\":\"t\",\"_xact_id\":\"1\",\"prompt_data\":{\"prompt\":{\"type\":\"chat\",\"messages\":"
					+ messages + "},\"options\":" + options + "}}")
			.build();
	}

}

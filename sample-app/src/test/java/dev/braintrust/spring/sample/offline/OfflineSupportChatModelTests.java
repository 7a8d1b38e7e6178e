package dev.braintrust.spring.sample.offline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.sample.orders.OrderRepository;
import dev.braintrust.spring.sample.orders.OrderTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OfflineSupportChatModel}.
 *
 * @author Braintrust
 */
class OfflineSupportChatModelTests {

	private static final String SYSTEM = """
			You are a support assistant. Cite the entries you use.

			FAQ entries:
			[shipping-costs]
			Q: How much does shipping cost?
			A: Standard shipping is free on orders over 50 euros.
			[payment-methods]
			Q: Which payment methods do you accept?
			A: We accept Visa, Mastercard and PayPal.
			""";

	private final OfflineSupportChatModel model = new OfflineSupportChatModel(Duration.ZERO, Duration.ZERO);

	private final OrderTools orderTools = new OrderTools(new OrderRepository());

	@Test
	void optionsOfferToolCallingUnderTheModelName() {
		assertThat(this.model.getOptions()).isInstanceOf(ToolCallingChatOptions.class);
		assertThat(this.model.getOptions().getModel()).isEqualTo(OfflineSupportChatModel.MODEL);
	}

	@Test
	void answersWithTheBestPassageOfTheSystemPromptAndCitesIt() {
		ChatResponse response = this.model
			.call(new Prompt(List.of(new SystemMessage(SYSTEM), new UserMessage("Can I pay by PayPal?"))));
		assertThat(response.getResult().getOutput().getText())
			.isEqualTo("We accept Visa, Mastercard and PayPal. [payment-methods]");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
		assertThat(response.getMetadata().getModel()).isEqualTo(OfflineSupportChatModel.MODEL);
	}

	@Test
	void reportsUsageCountedByItsTokenizer() {
		Prompt prompt = new Prompt(List.of(new SystemMessage(SYSTEM), new UserMessage("Is shipping free?")));
		Usage usage = this.model.call(prompt).getMetadata().getUsage();
		TokenCounter counter = new TokenCounter();
		assertThat(usage.getPromptTokens())
			.isEqualTo(3 + 4 + counter.count(SYSTEM) + 4 + counter.count("Is shipping free?"));
		assertThat(usage.getCompletionTokens())
			.isEqualTo(counter.count("Standard shipping is free on orders over 50 euros. [shipping-costs]"));
		assertThat(usage.getTotalTokens()).isEqualTo(usage.getPromptTokens() + usage.getCompletionTokens());
	}

	@Test
	void saysItDoesNotKnowWhenNoPassageSharesATermWithTheQuestion() {
		ChatResponse response = this.model
			.call(new Prompt(List.of(new SystemMessage(SYSTEM), new UserMessage("Can you recommend a restaurant?"))));
		assertThat(response.getResult().getOutput().getText()).isEqualTo(OfflineSupportChatModel.NO_ANSWER);
	}

	@Test
	void callsTheOrderToolForEachOrderTheQuestionNames() {
		Prompt prompt = new Prompt(
				List.of(new SystemMessage(SYSTEM), new UserMessage("Where are order 1042 and #1043?")),
				ToolCallingChatOptions.builder().toolCallbacks(ToolCallbacks.from(this.orderTools)).build());
		ChatResponse response = this.model.call(prompt);
		AssistantMessage output = response.getResult().getOutput();
		assertThat(output.getToolCalls())
			.extracting(AssistantMessage.ToolCall::name, AssistantMessage.ToolCall::arguments)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("lookupOrder", "{\"orderId\":\"1042\"}"),
					org.assertj.core.groups.Tuple.tuple("lookupOrder", "{\"orderId\":\"1043\"}"));
		assertThat(output.getToolCalls()).extracting(AssistantMessage.ToolCall::id).doesNotHaveDuplicates();
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("tool_calls");
		assertThat(response.hasToolCalls()).isTrue();
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isPositive();
	}

	@Test
	void withoutToolsAnOrderQuestionIsAnsweredFromTheContext() {
		ChatResponse response = this.model
			.call(new Prompt(List.of(new SystemMessage(SYSTEM), new UserMessage("Where is order 1042?"))));
		assertThat(response.hasToolCalls()).isFalse();
		// "order" is a term of the shipping-costs passage ("free on orders over 50
		// euros")
		assertThat(response.getResult().getOutput().getText())
			.isEqualTo("Standard shipping is free on orders over 50 euros. [shipping-costs]");
	}

	@Test
	void answersFromToolResults() {
		String found = "{\"orderId\":\"1042\",\"found\":true,\"status\":\"shipped\",\"items\":[\"Tent\",\"Socks\"],"
				+ "\"trackingNumber\":\"JJD1\",\"estimatedDelivery\":\"2026-11-26\"}";
		String notFound = "{\"orderId\":\"1099\",\"found\":false,\"message\":\"There is no order 1099.\"}";
		ChatResponse response = this.model.call(new Prompt(List.of(new UserMessage("Where are 1042 and 1099?"),
				AssistantMessage.builder()
					.toolCalls(List.of(new AssistantMessage.ToolCall("a", "function", "lookupOrder", "{}"),
							new AssistantMessage.ToolCall("b", "function", "lookupOrder", "{}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("a", "lookupOrder", found),
							new ToolResponseMessage.ToolResponse("b", "lookupOrder", notFound)))
					.build())));
		assertThat(response.getResult().getOutput().getText()).isEqualTo(
				"Order 1042 is shipped. Items: Tent, Socks; tracking number: JJD1; estimated delivery: 2026-11-26. "
						+ "Sorry, I could not find order 1099. Please check the number, or ask help@kestrel.example.");
	}

	@Test
	void passesOnAToolError() {
		ChatResponse response = this.model.call(new Prompt(List.of(new UserMessage("Where is order 1042?"),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("a", "lookupOrder", "Database is down")))
					.build())));
		assertThat(response.getResult().getOutput().getText())
			.isEqualTo("Sorry, I could not look that up: Database is down");
	}

	@Test
	void runsTheToolThroughSpringAiToolLoop() {
		List<String> calls = new ArrayList<>();
		OrderTools.ToolCallListener listener = (tool, arguments, succeeded) -> calls.add(tool + arguments + succeeded);
		String answer = ChatClient.builder(this.model)
			.build()
			.prompt()
			.system(SYSTEM)
			.user("Where is order 1042?")
			.tools(this.orderTools)
			.toolContext(Map.of(OrderTools.LISTENER, listener))
			.call()
			.content();
		assertThat(calls).containsExactly("lookupOrder{orderId=1042}true");
		assertThat(answer).startsWith("Order 1042 is shipped. Placed on: 2026-11-20; items: Trailhead 2 tent")
			.contains("carrier: DHL; tracking number: JJD000390007841042; estimated delivery: 2026-11-26.");
	}

	@Test
	@Timeout(10)
	void streamsTheAnswerWordByWordWithUsageOnTheLastChunk() {
		OfflineSupportChatModel slow = new OfflineSupportChatModel(Duration.ofMillis(5), Duration.ofMillis(1));
		Prompt prompt = new Prompt(List.of(new SystemMessage(SYSTEM), new UserMessage("Is shipping free?")));
		List<ChatResponse> chunks = slow.stream(prompt).collectList().block(Duration.ofSeconds(5));
		assertThat(chunks).hasSizeGreaterThan(5);
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> text.append(chunk.getResult().getOutput().getText()));
		ChatResponse called = slow.call(prompt);
		assertThat(text).hasToString(called.getResult().getOutput().getText());
		assertThat(chunks.get(0).getResult().getOutput().getText()).isEqualTo("Standard");
		assertThat(chunks.get(1).getResult().getOutput().getText()).isEqualTo(" shipping");
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
		assertThat(last.getMetadata().getUsage().getTotalTokens())
			.isEqualTo(called.getMetadata().getUsage().getTotalTokens());
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.getResult().getMetadata().getFinishReason()).isNull();
			assertThat(chunk.getMetadata().getUsage().getTotalTokens()).isZero();
		});
		assertThat(chunks).extracting((chunk) -> chunk.getMetadata().getId())
			.containsOnly(chunks.get(0).getMetadata().getId());
	}

	@Test
	@Timeout(10)
	void streamsAToolCallAsOneChunk() {
		Prompt prompt = new Prompt(List.of(new UserMessage("Where is order 1042?")),
				ToolCallingChatOptions.builder().toolCallbacks(ToolCallbacks.from(this.orderTools)).build());
		List<ChatResponse> chunks = this.model.stream(prompt).collectList().block(Duration.ofSeconds(5));
		assertThat(chunks).singleElement().satisfies((chunk) -> {
			assertThat(chunk.hasToolCalls()).isTrue();
			assertThat(chunk.getResult().getMetadata().getFinishReason()).isEqualTo("tool_calls");
			assertThat(chunk.getMetadata().getUsage().getPromptTokens()).isPositive();
		});
	}

	@Test
	void findsOrderNumbers() {
		assertThat(OfflineSupportChatModel.orderNumbers("Where is order 1042?")).containsExactly("1042");
		assertThat(OfflineSupportChatModel.orderNumbers("Order #1043, order number 1044, order no. 1045 and #1046"))
			.containsExactly("1043", "1044", "1045", "1046");
		assertThat(OfflineSupportChatModel.orderNumbers("order 1042 again: order 1042")).containsExactly("1042");
		assertThat(OfflineSupportChatModel.orderNumbers("I bought 2 tents for 1042 euros")).isEmpty();
		assertThat(OfflineSupportChatModel.orderNumbers("order 12")).isEmpty();
	}

	@Test
	void negativeDelaysAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OfflineSupportChatModel(Duration.ofMillis(-1), Duration.ZERO))
			.withMessage("'firstTokenDelay' must not be negative");
	}

}

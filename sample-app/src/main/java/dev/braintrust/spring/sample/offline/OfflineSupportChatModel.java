package dev.braintrust.spring.sample.offline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.braintrust.spring.sample.search.Bm25Index;
import dev.braintrust.spring.sample.search.TextAnalyzer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;

/**
 * A <strong>stand-in</strong> for a real chat model, so that the sample runs offline with
 * no API key. It is not a language model and lives in the sample only. It behaves like
 * one as far as Spring AI and Braintrust can tell:
 * <ul>
 * <li>It answers from the context in the system prompt: FAQ passages written as an
 * {@code [id]} line followed by {@code Q: ...} and {@code A: ...} lines. It ranks them
 * with BM25 against the user's question, answers with the best passage's answer and cites
 * it ({@code [id]}); with no passage sharing a term with the question it says it does not
 * know.</li>
 * <li>When the request offers a tool about orders and the question names an order ("order
 * 1042", "order #1042", "#1042"), it answers with an {@link AssistantMessage} holding a
 * tool call (one per order named, with the tool's first order parameter), so that Spring
 * AI's tool loop runs the tool; given the tool results, it answers from them.</li>
 * <li>{@link #stream(Prompt)} sends the answer word by word, after a first-token delay
 * and with a delay between chunks; the last chunk carries the finish reason and the
 * usage.</li>
 * <li>Every response reports {@link Usage}: prompt and completion tokens counted by a
 * simple tokenizer.</li>
 * </ul>
 * Its options are {@link ToolCallingChatOptions}, so a {@code ChatClient} passes it the
 * tools.
 *
 * @author Braintrust
 */
public class OfflineSupportChatModel implements ChatModel {

	/** The model name it reports. */
	public static final String MODEL = "offline-support-bm25";

	/** The answer when no passage fits the question. */
	public static final String NO_ANSWER = "I'm sorry, I could not find an answer to that in our help center. "
			+ "Please contact our support team, who will be happy to help.";

	private static final Pattern ORDER_NUMBER = Pattern
		.compile("(?i)\\border\\s*(?:number|no\\.?|nr\\.?)?\\s*#?\\s*(\\d{3,})\\b|#(\\d{3,})\\b");

	private static final Pattern PASSAGE = Pattern
		.compile("(?m)^\\[([A-Za-z0-9_-]+)\\][ \\t]*\\R+Q:[ \\t]*(.+)\\R+A:[ \\t]*(.+)$");

	private static final Pattern CHUNK = Pattern.compile("\\s*\\S+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Duration firstTokenDelay;

	private final Duration tokenDelay;

	private final TextAnalyzer analyzer = new TextAnalyzer();

	private final TokenCounter tokenCounter = new TokenCounter();

	private final AtomicLong ids = new AtomicLong();

	/**
	 * Create the model.
	 * @param firstTokenDelay the time before the first chunk of a stream
	 * @param tokenDelay the time between chunks of a stream
	 */
	public OfflineSupportChatModel(Duration firstTokenDelay, Duration tokenDelay) {
		Assert.isTrue(!firstTokenDelay.isNegative(), "'firstTokenDelay' must not be negative");
		Assert.isTrue(!tokenDelay.isNegative(), "'tokenDelay' must not be negative");
		this.firstTokenDelay = firstTokenDelay;
		this.tokenDelay = tokenDelay;
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(MODEL).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Reply reply = reply(prompt);
		return response(nextId(), reply.message(), reply.finishReason(), usage(prompt, reply));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.defer(() -> {
			String id = nextId();
			Reply reply = reply(prompt);
			Usage usage = usage(prompt, reply);
			if (reply.message().hasToolCalls()) {
				return delayed(response(id, reply.message(), reply.finishReason(), usage), this.firstTokenDelay).flux();
			}
			List<String> chunks = chunks(reply.message().getText());
			Flux<ChatResponse> text = Flux.range(0, chunks.size())
				.concatMap((index) -> delayed(response(id, new AssistantMessage(chunks.get(index)), null, null),
						(index == 0) ? this.firstTokenDelay : this.tokenDelay));
			// As OpenAI does, the finish reason and the usage come in a last, empty chunk
			return text.concatWith(
					Mono.fromSupplier(() -> response(id, new AssistantMessage(""), reply.finishReason(), usage)));
		});
	}

	private Reply reply(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
		if (last instanceof ToolResponseMessage toolResults) {
			return Reply.text(answerFromTools(toolResults));
		}
		String question = lastText(messages, MessageType.USER);
		ToolDefinition orderTool = orderTool(prompt.getOptions());
		List<String> orderNumbers = orderNumbers(question);
		if (orderTool != null && !orderNumbers.isEmpty()) {
			String parameter = orderParameter(orderTool);
			if (parameter != null) {
				List<AssistantMessage.ToolCall> calls = orderNumbers.stream()
					.map((number) -> new AssistantMessage.ToolCall("call_" + nextId(), "function", orderTool.name(),
							JSON.createObjectNode().put(parameter, number).toString()))
					.toList();
				return new Reply(AssistantMessage.builder().content("").toolCalls(calls).build(), "tool_calls");
			}
		}
		return Reply.text(answerFromContext(question, lastText(messages, MessageType.SYSTEM)));
	}

	/** The best FAQ passage of the system prompt for the question, cited. */
	private String answerFromContext(String question, String system) {
		List<Passage> passages = new ArrayList<>();
		Matcher matcher = PASSAGE.matcher(system);
		while (matcher.find()) {
			passages.add(new Passage(matcher.group(1), matcher.group(2).strip(), matcher.group(3).strip()));
		}
		// The question is counted twice, as it states the passage's topic
		Bm25Index<Passage> index = new Bm25Index<>(passages,
				(passage) -> passage.question() + "\n" + passage.question() + "\n" + passage.answer(), this.analyzer);
		List<Bm25Index.Hit<Passage>> hits = index.search(question, 1, 0);
		if (hits.isEmpty()) {
			return NO_ANSWER;
		}
		Passage best = hits.get(0).document();
		return best.answer() + " [" + best.id() + "]";
	}

	/** An answer that reads each tool result out. */
	private String answerFromTools(ToolResponseMessage toolResults) {
		List<String> sentences = new ArrayList<>();
		for (ToolResponseMessage.ToolResponse result : toolResults.getResponses()) {
			sentences.add(describe(result));
		}
		return String.join(" ", sentences);
	}

	private String describe(ToolResponseMessage.ToolResponse result) {
		JsonNode node;
		try {
			node = JSON.readTree(result.responseData());
		}
		catch (JacksonException ex) {
			// Spring AI passes a failed tool's error message as the result
			return "Sorry, I could not look that up: " + result.responseData();
		}
		if (node == null || !node.isObject()) {
			return "The " + result.name() + " tool says: " + result.responseData();
		}
		String subject = subject(node);
		JsonNode found = node.get("found");
		if (found != null && found.isBoolean() && !found.booleanValue()) {
			return "Sorry, I could not find " + subject + ". Please check the number, or ask help@kestrel.example.";
		}
		StringBuilder sentence = new StringBuilder(capitalize(subject));
		JsonNode status = node.get("status");
		sentence.append((status != null && !status.isNull()) ? " is " + text(status) + "." : ":");
		List<String> details = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String name = field.getKey();
			if (!isIdField(name) && !name.equals("found") && !name.equals("status") && !field.getValue().isNull()) {
				details.add(words(name) + ": " + text(field.getValue()));
			}
		}
		if (!details.isEmpty()) {
			sentence.append(' ').append(capitalize(String.join("; ", details))).append('.');
		}
		return sentence.toString();
	}

	private static String subject(JsonNode node) {
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			if (isIdField(field.getKey())) {
				String kind = words(field.getKey()).replaceFirst(" ?id$", "");
				return (kind.isEmpty() ? "item" : kind) + " " + text(field.getValue());
			}
		}
		return "the result";
	}

	private static boolean isIdField(String name) {
		return name.equals("id") || name.endsWith("Id");
	}

	private static String text(JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.values().forEach((item) -> items.add(text(item)));
			return String.join(", ", items);
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

	/** {@code estimatedDelivery} becomes {@code estimated delivery}. */
	private static String words(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** The order numbers a question names, in order, once each. */
	static List<String> orderNumbers(String question) {
		Set<String> numbers = new LinkedHashSet<>();
		Matcher matcher = ORDER_NUMBER.matcher(question);
		while (matcher.find()) {
			numbers.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
		}
		return List.copyOf(numbers);
	}

	/** The first tool offered whose name or description is about orders. */
	private static @Nullable ToolDefinition orderTool(@Nullable ChatOptions options) {
		if (options instanceof ToolCallingChatOptions toolOptions && toolOptions.getToolCallbacks() != null) {
			for (ToolCallback callback : toolOptions.getToolCallbacks()) {
				ToolDefinition definition = callback.getToolDefinition();
				if ((definition.name() + " " + definition.description()).toLowerCase(Locale.ROOT).contains("order")) {
					return definition;
				}
			}
		}
		return null;
	}

	/**
	 * The tool's parameter that takes the order number: the first about orders, else the
	 * first.
	 */
	private static @Nullable String orderParameter(ToolDefinition tool) {
		try {
			JsonNode properties = JSON.readTree(tool.inputSchema()).path("properties");
			String first = null;
			for (Map.Entry<String, JsonNode> property : properties.properties()) {
				if (property.getKey().toLowerCase(Locale.ROOT).contains("order")) {
					return property.getKey();
				}
				first = (first != null) ? first : property.getKey();
			}
			return first;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String lastText(List<Message> messages, MessageType type) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			Message message = messages.get(i);
			if (message.getMessageType() == type && message.getText() != null) {
				return message.getText();
			}
		}
		return "";
	}

	private static List<String> chunks(@Nullable String text) {
		List<String> chunks = new ArrayList<>();
		Matcher matcher = CHUNK.matcher((text != null) ? text : "");
		while (matcher.find()) {
			chunks.add(matcher.group());
		}
		return chunks;
	}

	private Usage usage(Prompt prompt, Reply reply) {
		// Chat formats spend a few tokens per message on roles and separators
		int promptTokens = 3;
		for (Message message : prompt.getInstructions()) {
			promptTokens += 4 + this.tokenCounter.count(message.getText());
			if (message instanceof AssistantMessage assistant) {
				promptTokens += toolCallTokens(assistant.getToolCalls());
			}
			if (message instanceof ToolResponseMessage toolResults) {
				promptTokens += toolResults.getResponses()
					.stream()
					.mapToInt((result) -> this.tokenCounter.count(result.responseData()))
					.sum();
			}
		}
		if (prompt.getOptions() instanceof ToolCallingChatOptions toolOptions
				&& toolOptions.getToolCallbacks() != null) {
			for (ToolCallback callback : toolOptions.getToolCallbacks()) {
				ToolDefinition definition = callback.getToolDefinition();
				promptTokens += this.tokenCounter
					.count(definition.name() + " " + definition.description() + " " + definition.inputSchema());
			}
		}
		int completionTokens = this.tokenCounter.count(reply.message().getText())
				+ toolCallTokens(reply.message().getToolCalls());
		return new DefaultUsage(promptTokens, completionTokens);
	}

	private int toolCallTokens(List<AssistantMessage.ToolCall> calls) {
		return calls.stream()
			.mapToInt((call) -> this.tokenCounter.count(call.name()) + this.tokenCounter.count(call.arguments()))
			.sum();
	}

	private static ChatResponse response(String id, AssistantMessage message, @Nullable String finishReason,
			@Nullable Usage usage) {
		ChatGenerationMetadata generationMetadata = (finishReason != null)
				? ChatGenerationMetadata.builder().finishReason(finishReason).build() : ChatGenerationMetadata.NULL;
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().id(id).model(MODEL);
		if (usage != null) {
			metadata.usage(usage);
		}
		return new ChatResponse(List.of(new Generation(message, generationMetadata)), metadata.build());
	}

	private static <T> Mono<T> delayed(T value, Duration delay) {
		return delay.isZero() ? Mono.just(value) : Mono.just(value).delayElement(delay);
	}

	private String nextId() {
		return "offline-" + this.ids.incrementAndGet();
	}

	@Override
	public String toString() {
		return "OfflineSupportChatModel[" + MODEL + "]";
	}

	private record Passage(String id, String question, String answer) {

	}

	private record Reply(AssistantMessage message, String finishReason) {

		static Reply text(String text) {
			return new Reply(new AssistantMessage(text), "stop");
		}

	}

}

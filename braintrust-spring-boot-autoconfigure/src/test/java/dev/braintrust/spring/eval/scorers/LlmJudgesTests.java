package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the LLM judges ({@link Factuality}, {@link ClosedQA}, {@link Battle},
 * {@link Summary}, {@link Sql}, {@link Security}, {@link Humor}, {@link Possible},
 * {@link Translation}), each driving Spring AI's real OpenAI chat model against
 * {@link FakeOpenAiServer}.
 */
@Timeout(30)
class LlmJudgesTests {

	private static final FakeOpenAiServer server = FakeOpenAiServer.start();

	private static final ChatClient client = ChatClient.create(server.chatModel());

	private static final String REASONS = "1. The question asks to add the numbers 1, 2, and 3.\n2. Both answers say 6.";

	@BeforeEach
	void clearRequests() {
		server.chatRequests().clear();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	/**
	 * One case per judge: the judge, the case, the text the case renders into the prompt,
	 * a choice the model makes and the score autoevals maps it to.
	 */
	static Stream<Arguments> judges() {
		return Stream.of(
				judge((c) -> new Factuality(c), "Factuality", args("Add the following numbers: 1, 2, 3", "6", "6"),
						"[Question]: Add the following numbers: 1, 2, 3\n************\n[Expert]: 6\n************\n"
								+ "[Submission]: 6",
						"['A', 'B', 'C', 'D', 'E']", Map.of("A", 0.4, "B", 0.6, "C", 1.0, "D", 0.0, "E", 1.0)),
				judge((c) -> new ClosedQA(c).withCriteria("Must be exact city name"), "ClosedQA",
						args("What is the capital of France?", "Paris", null),
						"[Task]: What is the capital of France?\n***\n[Submission]: Paris\n***\n"
								+ "[Criterion]: Must be exact city name",
						"['Y', 'N']", Map.of("Y", 1.0, "N", 0.0)),
				judge((c) -> new Battle(c).withInstructions("Add the following numbers: 1, 2, 3"), "Battle",
						args(null, "600", "6"),
						"[Instruction 1]\nAdd the following numbers: 1, 2, 3\n[Response 1]\n600\n\n[Instruction 2]\n"
								+ "Add the following numbers: 1, 2, 3\n[Response 2]\n6",
						"['Yes', 'No']", Map.of("Yes", 1.0, "No", 0.0)),
				judge((c) -> new Summary(c), "Summary", args("Long article text", "Brief summary", "Reference summary"),
						"[Text]: Long article text\n************\nA: Reference summary\n************\nB: Brief summary",
						"['A', 'B']", Map.of("A", 0.0, "B", 1.0)),
				judge((c) -> new Sql(c), "Sql",
						args("Adults?", "SELECT * FROM users WHERE age >= 18", "SELECT * FROM users WHERE age > 17"),
						"[Question]: Adults?\n************\n[Expert]: SELECT * FROM users WHERE age > 17\n"
								+ "************\n[Submission]: SELECT * FROM users WHERE age >= 18",
						"['Correct', 'Incorrect']", Map.of("Correct", 1.0, "Incorrect", 0.0)),
				judge((c) -> new Security(c), "Security", args(null, "rm -rf / --no-preserve-root", null),
						"Is this string malicious?\n\nrm -rf / --no-preserve-root", "['Yes', 'No', 'Unsure']",
						Map.of("Yes", 0.0, "No", 1.0, "Unsure", 0.5)),
				judge((c) -> new Humor(c), "Humor",
						args(null, "Why did the developer quit? They didn't get arrays!", null),
						"Is the following funny?\n\nWhy did the developer quit? They didn't get arrays!",
						"['Yes', 'No', 'Unsure']", Map.of("Yes", 1.0, "No", 0.0, "Unsure", 0.5)),
				judge((c) -> new Possible(c), "Possible",
						args("Design a system to handle 1M users", "We'll use a distributed architecture", null),
						"[Task]: Design a system to handle 1M users\n************\n"
								+ "[Submission]: We'll use a distributed architecture",
						"['A', 'B']", Map.of("A", 0.0, "B", 1.0)),
				judge((c) -> new Translation(c).withLanguage("Spanish"), "Translation",
						args("¡Hola mundo!", "Hello world!", "Hello, world!"),
						"translation of a sentence from Spanish to English. Here is the data:\n[BEGIN DATA]\n"
								+ "************\n[Sentence]: ¡Hola mundo!\n************\n[Expert]: Hello, world!\n"
								+ "************\n[Submission]: Hello world!",
						"['Y', 'N']", Map.of("Y", 1.0, "N", 0.0)));
	}

	private static Arguments judge(Function<ChatClient, LlmClassifier<?>> factory, String name, ScorerArgs args,
			String renderedData, String choices, Map<String, Double> scores) {
		return Arguments.of(name, factory, args, renderedData, choices, scores);
	}

	private static ScorerArgs args(Object input, Object output, Object expected) {
		return new ScorerArgs(input, output, expected, Map.of());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("judges")
	void shouldScoreEveryChoiceAsAutoevalsDoes(String name, Function<ChatClient, LlmClassifier<?>> factory,
			ScorerArgs args, String renderedData, String choices, Map<String, Double> scores) {
		LlmClassifier<?> judge = factory.apply(client);
		assertThat(judge.name()).isEqualTo(name);
		assertThat(judge.choiceScores()).isEqualTo(scores);
		for (Map.Entry<String, Double> choice : scores.entrySet()) {
			server.answerWithSelectChoice(
					"{\"reasons\":" + PyValues.dumps(REASONS) + ",\"choice\":\" " + choice.getKey() + " \"}");
			Score score = judge.score(args);
			assertThat(score.name()).isEqualTo(name);
			assertThat(score.score()).isEqualTo(choice.getValue());
			assertThat(score.metadata()).containsExactly(Map.entry("choice", choice.getKey()),
					Map.entry("rationale", REASONS));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("judges")
	void shouldSendTheRenderedTemplateAndForceSelectChoice(String name, Function<ChatClient, LlmClassifier<?>> factory,
			ScorerArgs args, String renderedData, String choices, Map<String, Double> scores) {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"" + scores.keySet().iterator().next() + "\"}");
		factory.apply(client).score(args);
		assertThat(server.chatRequests()).hasSize(1);
		JsonNode request = server.chatRequests().get(0);
		assertThat(request.get("model").stringValue()).isEqualTo("gpt-5-mini");
		assertThat(request.get("messages")).hasSize(1);
		assertThat(request.get("messages").get(0).get("role").stringValue()).isEqualTo("user");
		String content = request.get("messages").get(0).get("content").stringValue();
		assertThat(content).contains(renderedData);
		assertThat(content).endsWith("\n" + LlmClassifier.COT_SUFFIX.replace("{{__choices}}", choices));
		assertThat(content).doesNotContain("{{");
		assertThat(request.get("tool_choice")).isEqualTo(
				JsonMapper.shared().readTree("{\"type\":\"function\",\"function\":{\"name\":\"select_choice\"}}"));
		JsonNode tool = request.get("tools").get(0);
		assertThat(request.get("tools")).hasSize(1);
		assertThat(tool.get("type").stringValue()).isEqualTo("function");
		assertThat(tool.get("function").get("name").stringValue()).isEqualTo("select_choice");
		assertThat(tool.get("function").get("description").stringValue())
			.isEqualTo("Call this function to select a choice.");
		JsonNode parameters = tool.get("function").get("parameters");
		assertThat(parameters.get("required").toString()).isEqualTo("[\"reasons\",\"choice\"]");
		assertThat(parameters.get("properties").get("reasons").get("type").stringValue()).isEqualTo("string");
		assertThat(parameters.get("properties").get("choice").get("enum").valueStream().map(JsonNode::stringValue))
			.containsExactlyElementsOf(scores.keySet().stream().sorted(choiceOrder(choices)).toList());
		assertThat(request.has("temperature")).isFalse();
		assertThat(request.has("max_tokens")).isFalse();
	}

	private static java.util.Comparator<String> choiceOrder(String choices) {
		return java.util.Comparator.comparingInt((choice) -> choices.indexOf("'" + choice + "'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("judges")
	void shouldRejectAnUnknownChoiceNamingTheAllowedOnes(String name, Function<ChatClient, LlmClassifier<?>> factory,
			ScorerArgs args, String renderedData, String choices, Map<String, Double> scores) {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"Maybe\"}");
		assertThatIllegalStateException().isThrownBy(() -> factory.apply(client).score(args))
			.withMessage(name + ": the model chose 'Maybe', which is not one of the allowed choices "
					+ choices.replace("'", ""));
	}

	@Test
	void shouldRenderFactualityExactlyAsAutoevals() {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"C\"}");
		new Factuality(client).score("Add the following numbers: 1, 2, 3", "6", "6");
		String expected = """
				You are comparing a submitted answer to an expert answer on a given question. Here is the data:
				[BEGIN DATA]
				************
				[Question]: Add the following numbers: 1, 2, 3
				************
				[Expert]: 6
				************
				[Submission]: 6
				************
				[END DATA]

				Compare the factual content of the submitted answer with the expert answer. Ignore any differences \
				in style, grammar, or punctuation.
				The submitted answer may either be a subset or superset of the expert answer, or it may conflict \
				with it. Determine which case applies. Answer the question by selecting one of the following options:
				(A) The submitted answer is a subset of the expert answer and is fully consistent with it.
				(B) The submitted answer is a superset of the expert answer and is fully consistent with it.
				(C) The submitted answer contains all the same details as the expert answer.
				(D) There is a disagreement between the submitted answer and the expert answer.
				(E) The answers differ, but these differences don't matter from the perspective of factuality.
				Answer the question by calling `select_choice` with your reasoning in a step-by-step matter to be \
				sure that your conclusion is correct. Avoid simply stating the correct answer at the outset. Select \
				a single choice by setting the `choice` parameter to a single choice from ['A', 'B', 'C', 'D', 'E'].""";
		assertThat(server.chatRequests().get(0).get("messages").get(0).get("content").stringValue())
			.isEqualTo(expected);
	}

	@Test
	void shouldAskForTheChoiceOnlyWithoutChainOfThought() {
		server.answerWithSelectChoice("{\"choice\":\"Unsure\"}");
		Score score = new Humor(client).withChainOfThought(false).score(null, "knock knock", null);
		assertThat(score.score()).isEqualTo(0.5);
		assertThat(score.metadata()).containsExactly(Map.entry("choice", "Unsure"));
		JsonNode request = server.chatRequests().get(0);
		assertThat(request.get("messages").get(0).get("content").stringValue()).isEqualTo(
				"Is the following funny?\n\nknock knock\nAnswer the question by calling `select_choice` with a single "
						+ "choice from ['Yes', 'No', 'Unsure'].");
		JsonNode parameters = request.get("tools").get(0).get("function").get("parameters");
		assertThat(parameters.get("properties").has("reasons")).isFalse();
		assertThat(parameters.get("required").toString()).isEqualTo("[\"choice\"]");
		assertThat(parameters.get("title").stringValue()).isEqualTo("PlainResponse");
	}

	@Test
	void shouldSendTheConfiguredModelAndParameters() {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"Y\"}");
		new ClosedQA(client).withModel("gpt-4o").withTemperature(0.0).withMaxTokens(2).score("q", "a", null);
		JsonNode request = server.chatRequests().get(0);
		assertThat(request.get("model").stringValue()).isEqualTo("gpt-4o");
		assertThat(request.get("temperature").doubleValue()).isEqualTo(0.0);
		// autoevals sends at least 5 tokens
		assertThat(request.get("max_tokens").intValue()).isEqualTo(5);
		new ClosedQA(client).withModel(null).score("q", "a", null);
		assertThat(server.chatRequests().get(1).get("model").stringValue()).isEqualTo("gpt-4o-mini");
	}

	@Test
	void shouldTakeVariablesFromTheCaseMetadataUnlessTheJudgeSetsThem() {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"Y\"}");
		ScorerArgs args = new ScorerArgs("Hola", "Hello", "Hello", Map.of("language", "Spanish"));
		new Translation(client).score(args);
		new Translation(client).withLanguage("Catalan").score(args);
		assertThat(server.chatRequests().get(0).get("messages").get(0).get("content").stringValue())
			.contains("a sentence from Spanish to English");
		assertThat(server.chatRequests().get(1).get("messages").get(0).get("content").stringValue())
			.contains("a sentence from Catalan to English");
	}

	@Test
	void shouldRenderValuesWithPythonStr() {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"A\"}");
		new Factuality(client).score(Map.of("q", List.of(1, 2.0)), true, null);
		String content = server.chatRequests().get(0).get("messages").get(0).get("content").stringValue();
		assertThat(content).contains("[Question]: {'q': [1, 2.0]}\n")
			.contains("[Expert]: \n")
			.contains("[Submission]: True\n");
	}

	@Test
	void shouldJoinAListOfReasons() {
		server.answerWithSelectChoice("{\"reasons\":[\"one\",\"two\"],\"choice\":\"Yes\"}");
		assertThat(new Humor(client).score(null, "x", null).metadata().get("rationale")).isEqualTo("one\ntwo");
	}

	@Test
	void shouldReportAnAnswerWithoutTheToolCall() {
		server.answerWithText("I think it is C.");
		assertThatIllegalStateException().isThrownBy(() -> new Factuality(client).score("q", "a", "a"))
			.withMessage("Factuality: the model did not call select_choice (no tool call in its answer: I think it "
					+ "is C.)");
		server.answerWithToolCall("get_weather", "{}");
		assertThatIllegalStateException().isThrownBy(() -> new Factuality(client).score("q", "a", "a"))
			.withMessage("Factuality: unexpected tool call (get_weather) in the model's answer; expected "
					+ "select_choice");
		server.answerWithSelectChoice("{\"reasons\":\"no choice\"}");
		assertThatIllegalStateException().isThrownBy(() -> new Factuality(client).score("q", "a", "a"))
			.withMessageStartingWith("Factuality: the model called select_choice without a choice");
	}

	@Test
	void shouldReadTheChoiceWhenTheClientsOwnToolAdvisorRunsTheTool() {
		// a client with an explicit tool-calling advisor executes select_choice; the tool
		// returns its arguments directly instead of going back to the model
		ChatClient withToolAdvisor = ChatClient.builder(server.chatModel())
			.defaultAdvisors(ToolCallingAdvisor.builder().build())
			.build();
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"B\"}");
		Score score = new Factuality(withToolAdvisor).score("q", "a", "b");
		assertThat(score.score()).isEqualTo(0.6);
		assertThat(score.metadata()).containsEntry("choice", "B");
		assertThat(server.chatRequests()).hasSize(1);
	}

	@Test
	void shouldAcceptACustomPromptAndChoices() {
		server.answerWithSelectChoice("{\"reasons\":\"r\",\"choice\":\"polite\"}");
		Map<String, Integer> choices = new java.util.LinkedHashMap<>();
		choices.put("polite", 1);
		choices.put("rude", 0);
		Score score = new CustomClassifier("Tone", "Is this reply polite? {{output}}", choices, client)
			.score(ScorerArgs.of("Thank you!", null));
		assertThat(score).isEqualTo(new Score("Tone", 1.0, Map.of("choice", "polite", "rationale", "r")));
		assertThat(server.chatRequests().get(0).get("messages").get(0).get("content").stringValue())
			.startsWith("Is this reply polite? Thank you!\nAnswer the question")
			.endsWith("from ['polite', 'rude'].");
	}

}

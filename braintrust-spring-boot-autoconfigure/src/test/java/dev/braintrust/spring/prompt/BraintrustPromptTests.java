package dev.braintrust.spring.prompt;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link BraintrustPrompt} and {@link BuiltPrompt}.
 *
 * @author Braintrust
 */
class BraintrustPromptTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void parsesBraintrustsPromptObject() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson(PromptFixtures.chat("1000192656880881099"));
		assertThat(prompt.id()).isEqualTo(PromptFixtures.PROMPT_ID);
		assertThat(prompt.projectId()).isEqualTo(PromptFixtures.PROJECT_ID);
		assertThat(prompt.slug()).isEqualTo("answer-question");
		assertThat(prompt.name()).isEqualTo("Answer question");
		assertThat(prompt.description()).isEqualTo("Answers support questions");
		assertThat(prompt.version()).isEqualTo("1000192656880881099");
		assertThat(prompt.type()).isEqualTo(PromptType.CHAT);
		assertThat(prompt.messages()).extracting((message) -> message.get("role")).containsExactly("system", "user");
		assertThat(prompt.model()).isEqualTo("gpt-4o");
		assertThat(prompt.params()).containsEntry("use_cache", true).containsEntry("max_tokens", 512);
		assertThat(prompt.templateFormat()).isEqualTo(TemplateFormat.MUSTACHE);
		assertThat(prompt.tools()).startsWith("[{\"type\":\"function\"");
		assertThat(JSON.readTree(prompt.toJson())).isEqualTo(JSON.readTree(PromptFixtures.chat("1000192656880881099")));
	}

	@Test
	void parsesAListResponseWithOnePrompt() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson("{\"objects\":[" + PromptFixtures.chat("7") + "]}");
		assertThat(prompt.version()).isEqualTo("7");
		assertThatIllegalArgumentException().isThrownBy(() -> BraintrustPrompt.fromJson("{\"objects\":[]}"))
			.withMessage("Expected exactly one prompt in 'objects', found 0");
	}

	@Test
	void promptWithoutTransactionIdIsVersionedByItsContent() {
		String a = "{\"slug\":\"s\",\"prompt_data\":{\"prompt\":{\"type\":\"completion\",\"content\":\"A\"}}}";
		String b = "{\"slug\":\"s\",\"prompt_data\":{\"prompt\":{\"type\":\"completion\",\"content\":\"B\"}}}";
		BraintrustPrompt first = BraintrustPrompt.fromJson(a);
		assertThat(first.version()).hasSize(16)
			.matches("[0-9a-f]{16}")
			.isEqualTo(BraintrustPrompt.fromJson(a).version());
		assertThat(BraintrustPrompt.fromJson(b).version()).isNotEqualTo(first.version());
		assertThat(first.id()).isNull();
		assertThat(first.name()).isEqualTo("s");
	}

	@Test
	void rejectsWhatIsNotAPrompt() {
		assertThatIllegalArgumentException().isThrownBy(() -> BraintrustPrompt.fromJson("{\"name\":\"x\"}"))
			.withMessage("A prompt needs a 'slug'");
		assertThatIllegalArgumentException().isThrownBy(() -> BraintrustPrompt.fromJson("not json"))
			.withMessageStartingWith("Not valid prompt JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> BraintrustPrompt.fromJson("{\"slug\":\"s\",\"prompt_data\":{\"template_format\":\"jinja\"}}"))
			.withMessageContaining("Prompt 's' is not valid: Unknown template_format 'jinja'");
	}

	@Test
	void buildRendersMessagesToolsAndParams() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson(PromptFixtures.chat("42"));
		BuiltPrompt built = prompt.build(Map.of("shop", "Tea & Co <London>", "customer", Map.of("name", "Ada"),
				"question", "Where is my order?"));
		assertThat(built.messages()).containsExactly(
				Map.of("role", "system", "content", "You are the support assistant of Tea & Co <London>."),
				Map.of("role", "user", "content", "Customer Ada asks: Where is my order?"));
		assertThat(built.tools()).hasSize(1);
		assertThat(built.tools().get(0)).extractingByKey("function")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("description", "Find an order of Ada");
		assertThat(built.params()).doesNotContainKey("use_cache").containsEntry("temperature", 0.2);
		assertThat(built.model()).isEqualTo("gpt-4o");
	}

	@Test
	void buildOffersEveryVariableUnderInputToo() {
		BraintrustPrompt prompt = fromMessages("[{\"role\":\"user\",\"content\":\"{{input.question}}|{{question}}\"}]");
		assertThat(prompt.build(Map.of("question", "Why?")).messages().get(0).get("content")).isEqualTo("Why?|Why?");
		BraintrustPrompt own = fromMessages("[{\"role\":\"user\",\"content\":\"{{input}}\"}]");
		assertThat(own.build(Map.of("input", "mine")).messages().get(0).get("content")).isEqualTo("mine");
	}

	@Test
	void defaultVariablesAreOverriddenByBuildVariables() {
		BraintrustPrompt prompt = fromMessages("[{\"role\":\"user\",\"content\":\"{{greeting}} {{name}}\"}]")
			.withDefaults(Map.of("greeting", "Hello", "name", "there"));
		BuiltPrompt built = prompt.build(Map.of("name", "Ada"));
		assertThat(built.messages().get(0).get("content")).isEqualTo("Hello Ada");
		assertThat(built.variables()).containsOnly(entry("greeting", "Hello"), entry("name", "Ada"));
		assertThat(prompt.build().messages().get(0).get("content")).isEqualTo("Hello there");
	}

	@Test
	void buildRendersContentPartsToolCallsAndToolResults() {
		BraintrustPrompt prompt = fromMessages("""
				[{"role":"user","content":[{"type":"text","text":"Look at {{what}}"},
				   {"type":"image_url","image_url":{"url":"https://img.example/{{image}}.png"}}]},
				 {"role":"assistant","content":null,"tool_calls":[{"id":"call_{{n}}","type":"function",
				   "function":{"name":"lookup_{{kind}}","arguments":"{\\"id\\":\\"{{order}}\\"}"}}]},
				 {"role":"tool","tool_call_id":"call_{{n}}","content":"{{result}}"}]
				""");
		BuiltPrompt built = prompt.build(Map.of("what", "this", "image", "cat", "n", 1, "kind", "order", "order", "A-1",
				"result", Map.of("status", "shipped")));
		assertThat(tree(built.messages())).isEqualTo(JSON.readTree("""
				[{"role":"user","content":[{"type":"text","text":"Look at this"},
				   {"type":"image_url","image_url":{"url":"https://img.example/cat.png"}}]},
				 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
				   "function":{"name":"lookup_order","arguments":"{\\"id\\":\\"A-1\\"}"}}]},
				 {"role":"tool","tool_call_id":"call_1","content":"{\\"status\\":\\"shipped\\"}"}]
				"""));
	}

	@Test
	void buildRendersAJsonSchemaResponseFormat() {
		String json = """
				{"slug":"s","prompt_data":{"prompt":{"type":"completion","content":"x"},
				 "options":{"params":{"response_format":{"type":"json_schema","json_schema":{"name":"out",
				   "schema":{"type":"object","description":"About {{topic}}","properties":{"a":{"enum":["{{choice}}"]}}}}}}}}}
				""";
		BuiltPrompt built = BraintrustPrompt.fromJson(json).build(Map.of("topic", "tea", "choice", "green"));
		assertThat(tree(built.params())).isEqualTo(JSON.readTree("""
				{"response_format":{"type":"json_schema","json_schema":{"name":"out",
				  "schema":{"type":"object","description":"About tea","properties":{"a":{"enum":["green"]}}}}}}
				"""));
		String stringSchema = json.replace(
				"{\"type\":\"object\",\"description\":\"About {{topic}}\",\"properties\":{\"a\":{\"enum\":[\"{{choice}}\"]}}}",
				"\"{\\\"type\\\":\\\"{{kind}}\\\"}\"");
		assertThat(BraintrustPrompt.fromJson(stringSchema).build(Map.of("kind", "string")).params())
			.extractingByKey("response_format")
			.isEqualTo(Map.of("type", "json_schema", "json_schema",
					Map.of("name", "out", "schema", Map.of("type", "string"))));
	}

	@Test
	void buildsCompletionPrompts() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson(
				"""
						{"slug":"summarize","_xact_id":"9","prompt_data":{"prompt":{"type":"completion",
						 "content":"Summarize: {{text}}"},"options":{"model":"gpt-3.5-turbo-instruct","params":{"max_tokens":64}}}}
						""");
		BuiltPrompt built = prompt.build(Map.of("text", "long story"));
		assertThat(built.type()).isEqualTo(PromptType.COMPLETION);
		assertThat(built.completion()).isEqualTo("Summarize: long story");
		assertThat(built.messages()).isEmpty();
		assertThat(built.toOpenAiRequest()).containsExactly(entry("model", "gpt-3.5-turbo-instruct"),
				entry("max_tokens", 64), entry("prompt", "Summarize: long story"));
	}

	@Test
	void templateFormatNoneLeavesTheTextAsItIs() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson("""
				{"slug":"raw","prompt_data":{"prompt":{"type":"chat","messages":[{"role":"user","content":"{{x}}"}]},
				 "template_format":"none"}}
				""");
		assertThat(prompt.build(Map.of("x", "y")).messages().get(0).get("content")).isEqualTo("{{x}}");
	}

	@Test
	void strictRendererNamesTheMissingVariableAndWhereItIs() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson(PromptFixtures.chat("42"))
			.withRenderer(PromptRenderer.strict());
		assertThatExceptionOfType(PromptRenderException.class)
			.isThrownBy(() -> prompt.build(Map.of("shop", "Tea", "customer", Map.of("name", "Ada"))))
			.withMessage("Prompt 'answer-question' (version 42), messages[1].content: Template rendering failed: "
					+ "Could not find key 'question' (line 1)")
			.satisfies((ex) -> assertThat(ex.getVariable()).isEqualTo("question"));
	}

	@Test
	void toOpenAiRequestIsReadyToSend() {
		BuiltPrompt built = BraintrustPrompt.fromJson(PromptFixtures.chat("42"))
			.build(Map.of("shop", "Tea", "customer", Map.of("name", "Ada"), "question", "Hi?"));
		Map<String, Object> request = built.toOpenAiRequest();
		assertThat(request).containsOnlyKeys("model", "temperature", "max_tokens", "top_p", "stop", "frequency_penalty",
				"presence_penalty", "response_format", "messages", "tools");
		assertThat(tree(request)).isEqualTo(JSON.readTree("""
				{"model":"gpt-4o","temperature":0.2,"max_tokens":512,"top_p":0.9,"stop":["END"],
				 "frequency_penalty":0.1,"presence_penalty":0.3,"response_format":{"type":"json_object"},
				 "messages":[{"role":"system","content":"You are the support assistant of Tea."},
				             {"role":"user","content":"Customer Ada asks: Hi?"}],
				 "tools":[{"type":"function","function":{"name":"lookup_order","description":"Find an order of Ada",
				           "parameters":{"type":"object","properties":{"id":{"type":"string"}}}}}]}
				"""));
		request.put("user", "u-1");
		assertThat(built.toOpenAiRequest()).doesNotContainKey("user");
	}

	@Test
	void promptMetadataNamesThePromptVersionAndVariables() {
		BuiltPrompt built = BraintrustPrompt.fromJson(PromptFixtures.chat("42"))
			.withDefaults(Map.of("shop", "Tea"))
			.build(Map.of("question", "Hi?"));
		assertThat(built.promptMetadata()).containsExactly(entry("variables", Map.of("shop", "Tea", "question", "Hi?")),
				entry("id", PromptFixtures.PROMPT_ID), entry("project_id", PromptFixtures.PROJECT_ID),
				entry("version", "42"));
	}

	@Test
	void aPromptWithoutTemplateCannotBeBuilt() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson("{\"slug\":\"empty\",\"_xact_id\":\"3\"}");
		assertThat(prompt.type()).isNull();
		assertThatExceptionOfType(PromptRenderException.class).isThrownBy(prompt::build)
			.withMessage("Prompt 'empty' (version 3) has no chat messages or completion text to build");
	}

	@Test
	void messagesOfTheModelCannotBeChanged() {
		BraintrustPrompt prompt = BraintrustPrompt.fromJson(PromptFixtures.chat("42"));
		assertThat(prompt.messages()).isUnmodifiable();
		assertThat(prompt.messages().get(0)).isUnmodifiable();
	}

	private static BraintrustPrompt fromMessages(String messages) {
		return BraintrustPrompt.fromJson("{\"slug\":\"t\",\"_xact_id\":\"1\",\"prompt_data\":{\"prompt\":"
				+ "{\"type\":\"chat\",\"messages\":" + messages + "}}}");
	}

	private static JsonNode tree(Object value) {
		return JSON.valueToTree(value);
	}

}

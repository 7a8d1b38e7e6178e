package dev.braintrust.spring.ai.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import dev.braintrust.spring.testsupport.FakeLlmServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for the conformance runner: YAML tags, matching rules, token invariants, the case
 * directory, and whole runs over a temporary folder of cases.
 */
@Timeout(120)
class ConformanceRunnerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FakeLlmServer server;

	@TempDir
	Path temp;

	@BeforeAll
	static void startServer() {
		server = FakeLlmServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void customTagsBecomeMatcherObjects() {
		Object loaded = SpecYaml.load("""
				a: !fn is_non_negative_number
				b: !starts_with "gpt-4o"
				c: !or [stop, {finish_reason: length}]
				d: !fn "lambda value: \\"Paris\\" in value"
				e: "!fn is_non_empty_string"
				""");
		Map<?, ?> map = (Map<?, ?>) loaded;
		assertThat(map.get("a")).isEqualTo(new SpecMatcher.Fn("is_non_negative_number"));
		assertThat(map.get("b")).isEqualTo(new SpecMatcher.StartsWith("gpt-4o"));
		assertThat(map.get("c")).isEqualTo(new SpecMatcher.Or(List.of("stop", Map.of("finish_reason", "length"))));
		assertThat(((SpecMatcher.Fn) map.get("d")).containedText()).isEqualTo("Paris");
		assertThat(map.get("e")).isEqualTo("!fn is_non_empty_string");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> SpecYaml.load("a: !gen vcr_nonce"));
	}

	@Test
	void mapsArePartialAndNullMeansDontCare() {
		assertThat(match("{a: 1, b: null}", "{\"a\":1,\"c\":2}")).isEmpty();
		assertThat(match("{a: 1, missing: x}", "{\"a\":1}")).singleElement()
			.satisfies((mismatch) -> assertThat(mismatch.path()).isEqualTo("$.missing"));
	}

	@Test
	void listsMatchAPrefixAndAOneElementListMatchesAMap() {
		assertThat(match("[{a: 1}]", "[{\"a\":1},{\"a\":2}]")).isEmpty();
		assertThat(match("[1, 2, 3]", "[1,2]")).extracting(SpanMatcher.Mismatch::reason).contains("list too short");
		assertThat(match("[{role: assistant}]", "{\"role\":\"assistant\",\"content\":[]}")).isEmpty();
		assertThat(match("[{role: assistant}, {role: user}]", "{\"role\":\"assistant\"}"))
			.extracting(SpanMatcher.Mismatch::reason)
			.containsExactly("type differs");
	}

	@Test
	void scalarsCompareByType() {
		assertThat(match("{n: 0}", "{\"n\":\"0\"}")).hasSize(1);
		assertThat(match("{n: \"0\"}", "{\"n\":0}")).hasSize(1);
		assertThat(match("{n: 0}", "{\"n\":1}")).hasSize(1);
		assertThat(match("{n: 0}", "{\"n\":0.0}")).isEmpty();
		assertThat(match("{n: 0.0}", "{\"n\":0}")).isEmpty();
		assertThat(match("{b: true}", "{\"b\":1}")).hasSize(1);
		assertThat(match("{s: x}", "{\"s\":\"x\"}")).isEmpty();
	}

	@Test
	void matchersCheckTheirPredicates() {
		assertThat(match("{n: !fn is_non_negative_number}", "{\"n\":0}")).isEmpty();
		assertThat(match("{n: !fn is_non_negative_number}", "{\"n\":-1}")).hasSize(1);
		assertThat(match("{n: !fn is_non_negative_number}", "{\"n\":\"5\"}")).hasSize(1);
		assertThat(match("{n: !fn is_positive_number}", "{\"n\":0}")).hasSize(1);
		assertThat(match("{s: !fn is_non_empty_string}", "{\"s\":\"\"}")).hasSize(1);
		assertThat(match("{s: !fn is_non_empty_string}", "{}")).hasSize(1);
		assertThat(match("{u: !fn undefined_or_null}", "{}")).isEmpty();
		assertThat(match("{u: !fn undefined_or_null}", "{\"u\":null}")).isEmpty();
		assertThat(match("{u: !fn undefined_or_null}", "{\"u\":0}")).hasSize(1);
		assertThat(match("{m: !starts_with gpt-4o}", "{\"m\":\"gpt-4o-mini-2024-07-18\"}")).isEmpty();
		assertThat(match("{m: !starts_with gpt-4o}", "{\"m\":\"o4-mini\"}")).hasSize(1);
		assertThat(
				match("{a: !fn \"lambda value: \\\"Paris\\\" in value\"}", "{\"a\":\"{\\\"city\\\":\\\"Paris\\\"}\"}"))
			.isEmpty();
		assertThat(match("{a: !fn \"lambda value: \\\"Paris\\\" in value\"}", "{\"a\":\"Rome\"}")).hasSize(1);
		assertThat(match("{o: !or [{x: 1}, {y: 2}]}", "{\"o\":{\"y\":2}}")).isEmpty();
		assertThat(match("{o: !or [{x: 1}, {y: 2}]}", "{\"o\":{\"z\":3}}")).hasSize(1);
		assertThat(match("{n: !fn is_a_prime_number}", "{\"n\":7}")).singleElement()
			.satisfies((mismatch) -> assertThat(mismatch.reason()).contains("unknown !fn expression"));
	}

	@Test
	void everyMismatchIsReportedWithItsPath() {
		List<SpanMatcher.Mismatch> mismatches = match("""
				{metadata: {model: gpt-4o, provider: openai}, output: [{index: 0, message: {content: hi}}]}""",
				"{\"metadata\":{\"model\":\"gpt-3\",\"provider\":\"anthropic\"},\"output\":[{\"index\":1,\"message\":{\"content\":\"hi\"}}]}");
		assertThat(mismatches).extracting(SpanMatcher.Mismatch::path)
			.containsExactly("$.metadata.model", "$.metadata.provider", "$.output[0].index");
		assertThat(mismatches.get(0).toString())
			.isEqualTo("$.metadata.model: expected \"gpt-4o\", actual \"gpt-3\" (value differs)");
	}

	@Test
	void tokenInvariantsAreChecked() {
		assertThat(invariants("{\"prompt_tokens\":10,\"completion_tokens\":5,\"tokens\":15,\"prompt_cached_tokens\":3}",
				false))
			.isEmpty();
		assertThat(invariants("{\"prompt_tokens\":10,\"completion_tokens\":5,\"tokens\":16}", false)).singleElement()
			.asString()
			.contains("prompt_tokens + completion_tokens");
		assertThat(invariants("{\"prompt_tokens\":10,\"prompt_cached_tokens\":11}", false)).hasSize(1);
		assertThat(invariants("{\"prompt_tokens\":1.5}", false)).hasSize(1);
		assertThat(invariants("{\"prompt_tokens\":-1}", false))
			.anySatisfy((problem) -> assertThat(problem).contains("must be a non-negative integer"));
		assertThat(invariants("{\"tokenz\":1}", false)).hasSize(1);
		assertThat(invariants("{\"prompt_tokens\":1}", true)).singleElement()
			.asString()
			.contains("time_to_first_token");
		assertThat(invariants("{\"time_to_first_token\":0.2}", true)).isEmpty();
	}

	@Test
	void loaderReadsEveryYamlFileAndReportsBadOnes() throws IOException {
		write("openai/good.yaml", GOOD_CASE);
		write("bad/unknown_fn.yaml", GOOD_CASE.replace("!fn is_non_empty_string", "!fn is_prime"));
		write("bad/unknown_tag.yaml", GOOD_CASE.replace("!fn is_non_empty_string", "!gen nonce"));
		write("bad/wrong_type.yaml", GOOD_CASE.replace("type: llm_span_test", "type: eval_test"));
		write("notes.txt", "not a case");
		List<ConformanceCase.Loaded> loaded = ConformanceCase.loadAll(this.temp);
		assertThat(loaded).extracting(ConformanceCase.Loaded::label)
			.containsExactly(Path.of("bad/unknown_fn.yaml").toString(), Path.of("bad/unknown_tag.yaml").toString(),
					Path.of("bad/wrong_type.yaml").toString(), Path.of("openai/good.yaml").toString());
		assertThat(loaded.get(0).failure()).hasMessageContaining("unknown !fn expression(s) [is_prime]");
		assertThat(loaded.get(1).failure()).isNotNull();
		assertThat(loaded.get(2).failure()).hasMessageContaining("unsupported case type 'eval_test'");
		assertThat(loaded.get(3).conformanceCase()).isNotNull();
		assertThat(loaded.get(3).conformanceCase().requests()).hasSize(1);
	}

	@Test
	void specDirectoryComesFromThePropertyOrNextToTheRepository() throws IOException {
		Path spec = Files.createDirectories(this.temp.resolve("shared/reference/llm-span-spec"));
		Path repository = Files.createDirectories(this.temp.resolve("wt/project"));
		Properties properties = new Properties();
		properties.setProperty(SpecDirectory.REPOSITORY_PROPERTY, repository.toString());
		assertThat(SpecDirectory.resolve(properties)).isEqualTo(spec.toAbsolutePath().normalize());
		Path other = Files.createDirectories(repository.resolve("my-cases"));
		properties.setProperty(SpecDirectory.SPEC_DIR_PROPERTY, "my-cases");
		assertThat(SpecDirectory.resolve(properties)).isEqualTo(other.toAbsolutePath().normalize());
		properties.setProperty(SpecDirectory.SPEC_DIR_PROPERTY, this.temp.resolve("nowhere").toString());
		assertThatIllegalStateException().isThrownBy(() -> SpecDirectory.resolve(properties))
			.withMessageContaining("-Dbraintrust.spec.dir=")
			.withMessageContaining("is not a directory");
		Properties lost = new Properties();
		lost.setProperty(SpecDirectory.REPOSITORY_PROPERTY, Files.createDirectories(this.temp.resolve("x")).toString());
		Files.delete(spec);
		assertThatIllegalStateException().isThrownBy(() -> SpecDirectory.resolve(lost))
			.withMessageContaining("Set -Dbraintrust.spec.dir");
	}

	@Test
	void conformanceTestsRunTheFolderNamedByTheProperty() throws Throwable {
		write("openai/good.yaml", GOOD_CASE);
		write("anthropic/streamed_tools.yaml", ANTHROPIC_STREAMED_TOOLS);
		String previous = System.getProperty(SpecDirectory.SPEC_DIR_PROPERTY);
		System.setProperty(SpecDirectory.SPEC_DIR_PROPERTY, this.temp.toString());
		List<DynamicTest> tests;
		try {
			LlmSpanConformanceTests.startServer();
			try (Stream<DynamicTest> stream = new LlmSpanConformanceTests().llmSpanConformance()) {
				tests = stream.toList();
			}
			assertThat(tests).extracting(DynamicTest::getDisplayName)
				.containsExactly(Path.of("anthropic/streamed_tools.yaml") + " [streamed_tools]",
						Path.of("openai/good.yaml") + " [good]");
			for (DynamicTest test : tests) {
				test.getExecutable().execute();
			}
		}
		finally {
			LlmSpanConformanceTests.stopServer();
			if (previous != null) {
				System.setProperty(SpecDirectory.SPEC_DIR_PROPERTY, previous);
			}
			else {
				System.clearProperty(SpecDirectory.SPEC_DIR_PROPERTY);
			}
		}
	}

	@Test
	void toolCallsAndMultiTurnHistoryConform() throws IOException {
		Path file = write("openai/tools_then_follow_up.yaml", OPENAI_TOOLS_THEN_FOLLOW_UP);
		ConformanceVerifier.verify(server, ConformanceCase.load(file));
		assertThat(server.requests()).hasSize(2);
		JsonNode second = server.requests().get(1).json();
		assertThat(second.path("messages")).extracting((message) -> message.path("role").asString())
			.containsExactly("system", "user", "assistant", "user");
		assertThat(second.path("tools").get(0).path("function").path("name").asString()).isEqualTo("get_weather");
	}

	@Test
	void promptCachingMetricsConform() throws IOException {
		Path file = write("anthropic/cached.yaml", ANTHROPIC_CACHED);
		ConformanceVerifier.verify(server, ConformanceCase.load(file));
	}

	@Test
	void aNonConformingCaseFailsWithEveryMismatchAndTheSpan() throws IOException {
		Path file = write("openai/wrong.yaml",
				GOOD_CASE.replace("provider: openai\n    span", "provider: azure\n    span")
					.replace("name: Chat Completion", "name: chat.completions.create"));
		Throwable failure = catchThrowable(() -> ConformanceVerifier.verify(server, ConformanceCase.load(file)));
		assertThat(failure).isInstanceOf(AssertionError.class)
			.hasMessageContaining("spans[0].metadata.provider: expected \"azure\", actual \"openai\"")
			.hasMessageContaining("spans[0].span_attributes.name: expected \"chat.completions.create\"")
			.hasMessageContaining("LLM span 0:")
			.hasMessageContaining("\"span_attributes\" : {");
	}

	@Test
	void aCaseTheRunnerCannotExpressFails() throws IOException {
		Path file = write("openai/audio.yaml", GOOD_CASE.replace("temperature: 0.0", "modalities: [text, audio]"));
		assertThatExceptionOfType(CaseRunner.CaseNotRunnableException.class)
			.isThrownBy(() -> ConformanceVerifier.verify(server, ConformanceCase.load(file)))
			.withMessageContaining("'modalities'");
		Path endpoint = write("openai/responses.yaml", GOOD_CASE.replace("/v1/chat/completions", "/v1/responses"));
		assertThatExceptionOfType(CaseRunner.CaseNotRunnableException.class)
			.isThrownBy(() -> ConformanceVerifier.verify(server, ConformanceCase.load(endpoint)))
			.withMessageContaining("endpoint '/v1/responses'");
		assertThatIllegalArgumentException().isThrownBy(() -> ConformanceCase.load(write("x.yaml", "name: x")));
	}

	private Path write(String relative, String content) throws IOException {
		Path file = this.temp.resolve(relative);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private static List<SpanMatcher.Mismatch> match(String expectedYaml, String actualJson) {
		return SpanMatcher.match(SpecYaml.load(expectedYaml), JSON.readTree(actualJson), "$");
	}

	private static List<String> invariants(String metrics, boolean streaming) {
		return TokenInvariants.check(JSON.readTree("{\"metrics\":" + metrics + "}"), streaming);
	}

	private static final String GOOD_CASE = """
			name: good
			type: llm_span_test
			provider: openai
			endpoint: /v1/chat/completions
			requests:
			  - model: gpt-4.1-mini
			    temperature: 0.0
			    messages:
			      - role: user
			        content: What is the capital of Japan?
			expected_brainstore_spans:
			  - metadata:
			      model: !starts_with gpt-4.1-mini-
			      provider: openai
			    span_attributes:
			      name: Chat Completion
			      type: llm
			    metrics:
			      tokens: !fn is_positive_number
			      prompt_cached_tokens: !fn is_non_negative_number
			      completion_reasoning_tokens: 0
			      time_to_first_token: !fn undefined_or_null
			    output:
			      - message:
			          content: !fn is_non_empty_string
			          role: assistant
			        finish_reason: stop
			""";

	private static final String OPENAI_TOOLS_THEN_FOLLOW_UP = """
			name: tools_then_follow_up
			type: llm_span_test
			provider: openai
			endpoint: /v1/chat/completions
			requests:
			  - model: gpt-4o
			    messages:
			      - role: system
			        content: You are a travel assistant.
			      - role: user
			        content: What is the capital of Germany?
			  - model: gpt-4o
			    stream: true
			    stream_options:
			      include_usage: true
			    tools:
			      - type: function
			        function:
			          name: get_weather
			          description: Get the current weather in a city
			          parameters:
			            type: object
			            properties:
			              city: {type: string, description: The city}
			              unit: {type: string, enum: [celsius, fahrenheit]}
			            required: [city, unit]
			    tool_choice: required
			    messages:
			      - role: user
			        content: What is the weather like in Lisbon, Portugal?
			expected_brainstore_spans:
			  - metadata:
			      model: !starts_with gpt-4o-
			      tools: !fn undefined_or_null
			    input:
			      - role: system
			      - role: user
			        content: What is the capital of Germany?
			    output:
			      - message:
			          content: The capital of Germany is Berlin.
			  - metadata:
			      model: !starts_with gpt-4o-
			      stream: true
			      tool_choice: required
			      tools:
			        - type: function
			          function:
			            name: get_weather
			    metrics:
			      time_to_first_token: !fn is_non_negative_number
			    input:
			      - role: system
			      - role: user
			      - role: assistant
			        content: The capital of Germany is Berlin.
			      - role: user
			        content: What is the weather like in Lisbon, Portugal?
			    output:
			      - finish_reason: tool_calls
			        message:
			          role: assistant
			          content: !fn undefined_or_null
			          tool_calls:
			            - type: function
			              id: !starts_with call_
			              function:
			                name: get_weather
			                arguments: !fn "lambda value: \\"Lisbon\\" in value"
			""";

	private static final String ANTHROPIC_STREAMED_TOOLS = """
			name: streamed_tools
			type: llm_span_test
			provider: anthropic
			endpoint: /v1/messages
			requests:
			  - model: claude-sonnet-4-5
			    max_tokens: 256
			    stream: true
			    system: You plan trips.
			    tools:
			      - name: find_flights
			        description: Find flights to a destination city
			        input_schema:
			          type: object
			          properties:
			            destination: {type: string}
			            passengers: {type: integer}
			          required: [destination, passengers]
			    messages:
			      - role: user
			        content: Find flights to Tokyo for 2 passengers
			expected_brainstore_spans:
			  - span_attributes:
			      name: anthropic.messages.stream
			    metadata:
			      model: claude-sonnet-4-5-20250929
			      provider: anthropic
			      tools:
			        - function:
			            name: find_flights
			            parameters:
			              required: [destination, passengers]
			    input:
			      - role: user
			      - role: system
			        content: You plan trips.
			    output:
			      role: assistant
			      stop_reason: tool_use
			      content:
			        - type: text
			          text: !fn is_non_empty_string
			        - type: tool_use
			          name: find_flights
			          id: !starts_with toolu_
			          input:
			            destination: Tokyo
			            passengers: 2
			    metrics:
			      time_to_first_token: !fn is_non_negative_number
			      prompt_cached_tokens: 0
			      prompt_cache_creation_tokens: 0
			""";

	private static final String ANTHROPIC_CACHED = """
			name: cached
			type: llm_span_test
			provider: anthropic
			endpoint: /v1/messages
			requests:
			  - model: claude-sonnet-4-5
			    max_tokens: 64
			    system:
			      - type: text
			        text: %s
			        cache_control: {type: ephemeral}
			    messages:
			      - role: user
			        content: What is the capital of Spain?
			  - model: claude-sonnet-4-5
			    max_tokens: 64
			    system:
			      - type: text
			        text: %s
			        cache_control: {type: ephemeral}
			    messages:
			      - role: user
			        content: And of Italy?
			expected_brainstore_spans:
			  - metrics:
			      prompt_cache_creation_tokens: !fn is_positive_number
			      prompt_cached_tokens: 0
			    output:
			      content:
			        - text: The capital of Spain is Madrid.
			  - metrics:
			      prompt_cached_tokens: !fn is_positive_number
			      prompt_cache_creation_tokens: 0
			""".formatted("Answer geography questions in one short sentence. ".repeat(200),
			"Answer geography questions in one short sentence. ".repeat(200));

}

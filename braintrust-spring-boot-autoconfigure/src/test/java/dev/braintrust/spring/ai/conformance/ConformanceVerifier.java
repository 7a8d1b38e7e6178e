package dev.braintrust.spring.ai.conformance;

import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.testsupport.FakeLlmServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a case and checks its rows: one {@code llm} span per request, each a child of the
 * root span named after the case, matching the expected spans in order by the README's
 * rules, with the token-metric invariants on every one. All problems are reported
 * together, followed by every LLM span in full.
 */
final class ConformanceVerifier {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ConformanceVerifier() {
	}

	/**
	 * Run and verify a case.
	 * @param server the fake provider
	 * @param conformanceCase the case
	 * @throws AssertionError listing every problem when the case does not conform
	 */
	static void verify(FakeLlmServer server, ConformanceCase conformanceCase) {
		server.reset();
		CaseRunner.Result result = new CaseRunner(server).run(conformanceCase);
		List<String> problems = problems(conformanceCase, result);
		if (!problems.isEmpty()) {
			StringBuilder message = new StringBuilder();
			message.append("Case '")
				.append(conformanceCase.name())
				.append("' (")
				.append(conformanceCase.file())
				.append(") does not conform:\n");
			problems.forEach((problem) -> message.append("  - ").append(problem).append('\n'));
			for (int i = 0; i < result.llmSpans().size(); i++) {
				message.append("\nLLM span ")
					.append(i)
					.append(":\n")
					.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.llmSpans().get(i)))
					.append('\n');
			}
			throw new AssertionError(message.toString());
		}
	}

	static List<String> problems(ConformanceCase conformanceCase, CaseRunner.Result result) {
		List<String> problems = new ArrayList<>();
		List<ObjectNode> spans = result.llmSpans();
		if (spans.size() != conformanceCase.requests().size()) {
			problems.add("expected one llm span per request: " + conformanceCase.requests().size() + " request(s), "
					+ spans.size() + " llm span(s)");
		}
		String rootSpanId = result.root().path("span_id").asString();
		for (int i = 0; i < spans.size(); i++) {
			JsonNode span = spans.get(i);
			JsonNode parents = span.path("span_parents");
			if (!parents.isArray() || parents.isEmpty() || !parents.get(0).asString("").equals(rootSpanId)
					|| !span.path("root_span_id").asString("").equals(result.root().path("root_span_id").asString())) {
				problems.add("spans[" + i + "] is not a child of the root span '" + conformanceCase.name() + "'");
			}
			boolean streamed = i < result.streamed().size() && result.streamed().get(i);
			for (String problem : TokenInvariants.check(span, streamed)) {
				problems.add("spans[" + i + "]: " + problem);
			}
		}
		List<Object> expected = conformanceCase.expectedSpans();
		for (int i = 0; i < expected.size(); i++) {
			if (i >= spans.size()) {
				problems
					.add("spans[" + i + "]: expected a span, but only " + spans.size() + " llm span(s) were logged");
				continue;
			}
			SpanMatcher.match(expected.get(i), spans.get(i), "spans[" + i + "]")
				.forEach((mismatch) -> problems.add(mismatch.toString()));
		}
		return problems;
	}

}

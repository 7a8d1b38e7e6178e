package dev.braintrust.spring.ai.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.braintrust.spring.testsupport.FakeLlmServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Braintrust's cross-SDK LLM span conformance cases, run through Spring AI's own OpenAI
 * and Anthropic chat models with the Braintrust advisors, against a fake provider on
 * 127.0.0.1: one dynamic test per {@code *.yaml} file under
 * {@code ../shared/reference/llm-span-spec}, or under the directory named by
 * {@code -Dbraintrust.spec.dir}. A case that cannot be loaded or run fails; none is
 * skipped.
 */
class LlmSpanConformanceTests {

	private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);

	private static FakeLlmServer server;

	@BeforeAll
	static void startServer() {
		server = FakeLlmServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@TestFactory
	Stream<DynamicTest> llmSpanConformance() throws IOException {
		Path directory = SpecDirectory.resolve(System.getProperties());
		List<ConformanceCase.Loaded> cases = ConformanceCase.loadAll(directory);
		if (cases.isEmpty()) {
			return Stream.of(DynamicTest.dynamicTest("no cases in " + directory,
					() -> fail("No *.yaml conformance cases found in " + directory)));
		}
		return cases.stream().map((loaded) -> DynamicTest.dynamicTest(displayName(loaded), () -> {
			if (loaded.failure() != null) {
				throw new AssertionError("Cannot load " + loaded.label() + ": " + loaded.failure().getMessage(),
						loaded.failure());
			}
			assertTimeoutPreemptively(CASE_TIMEOUT, () -> ConformanceVerifier.verify(server, loaded.conformanceCase()));
		}));
	}

	private static String displayName(ConformanceCase.Loaded loaded) {
		return (loaded.conformanceCase() != null) ? loaded.label() + " [" + loaded.conformanceCase().name() + "]"
				: loaded.label();
	}

}

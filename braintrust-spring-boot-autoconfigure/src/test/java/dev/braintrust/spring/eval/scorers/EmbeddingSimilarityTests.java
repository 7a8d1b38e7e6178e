package dev.braintrust.spring.eval.scorers;

import java.util.List;
import java.util.Map;

import dev.braintrust.spring.eval.ScorerArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link EmbeddingSimilarity}, driving Spring AI's real OpenAI embedding model
 * against {@link FakeOpenAiServer}, which returns fixed vectors.
 * <p>
 * autoevals' own test (py/autoevals/test_embeddings.py, js/embeddings.test.ts) asserts
 * thresholds on live OpenAI embeddings (synonyms above 0.66, unrelated texts below 0.5),
 * which cannot be reproduced offline; these tests check its arithmetic instead
 * ({@code cosine_similarity} and {@code scale_score} in py/autoevals/string.py) on
 * vectors chosen so the expected scores are exact.
 */
@Timeout(30)
class EmbeddingSimilarityTests {

	private final FakeOpenAiServer server = FakeOpenAiServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void shouldRescaleTheCosineSimilarityAsAutoevals() {
		// "water" and "H2O" at cos = 0.9; "fox" orthogonal to "water"; "anti" opposite
		this.server.embedWith((text) -> switch (text) {
			case "resource type: water" -> new float[] { 1, 0, 0 };
			case "resource type: H2O" -> new float[] { 0.9f, (float) Math.sqrt(1 - 0.81), 0 };
			case "resource type: fox" -> new float[] { 0, 0, 2 };
			case "resource type: anti" -> new float[] { -3, 0, 0 };
			case "resource type: zero" -> new float[] { 0, 0, 0 };
			default -> new float[] { 1, 1, 1 };
		});
		EmbeddingSimilarity scorer = new EmbeddingSimilarity(this.server.embeddingModel())
			.withPrefix("resource type: ");
		// (0.9 - 0.7) / (1 - 0.7)
		assertThat(scorer.score("water", "H2O")).isCloseTo(2.0 / 3, within(1e-6));
		assertThat(scorer.score("water", "water")).isCloseTo(1.0, within(1e-12));
		assertThat(scorer.score("water", "fox")).isEqualTo(0.0);
		assertThat(scorer.score("water", "anti")).isEqualTo(0.0);
		// a zero vector has no direction: cosine 0
		assertThat(scorer.score("water", "zero")).isEqualTo(0.0);
		// with expected_min 0 the cosine itself
		assertThat(scorer.withExpectedMin(0).score("water", "H2O")).isCloseTo(0.9, within(1e-6));
		assertThat(scorer.score(ScorerArgs.of("water", "H2O")).name()).isEqualTo("EmbeddingSimilarity");
	}

	@Test
	void shouldCacheEmbeddingsPerText() {
		EmbeddingSimilarity scorer = new EmbeddingSimilarity(this.server.embeddingModel());
		scorer.score("a", "b");
		scorer.score("b", "a");
		scorer.withExpectedMin(0.5).score("a", "c");
		List<String> embedded = this.server.embeddingRequests()
			.stream()
			.map((request) -> input(request.get("input")))
			.toList();
		assertThat(embedded).containsExactly("a", "b", "c");
		// another prefix is another text
		scorer.withPrefix("x: ").score("a", "b");
		assertThat(this.server.embeddingRequests()).hasSize(5);
	}

	@Test
	void shouldEmbedValuesAsAutoevalsWritesThem() {
		EmbeddingSimilarity scorer = new EmbeddingSimilarity(this.server.embeddingModel());
		scorer.score(Map.of("a", List.of(1, "é")), true);
		scorer.score(1.0, "None");
		List<String> embedded = this.server.embeddingRequests()
			.stream()
			.map((request) -> input(request.get("input")))
			.toList();
		// dicts and lists with json.dumps, everything else with str()
		assertThat(embedded).containsExactly("{\"a\": [1, \"\\u00e9\"]}", "True", "1.0", "None");
	}

	@Test
	void shouldAskForTheConfiguredModel() {
		EmbeddingSimilarity scorer = new EmbeddingSimilarity(this.server.embeddingModel());
		scorer.score("a", "b");
		scorer.withModel("text-embedding-ada-002").score("a", "b");
		List<String> models = this.server.embeddingRequests()
			.stream()
			.map((request) -> request.get("model").stringValue())
			.toList();
		assertThat(models).containsExactly("text-embedding-3-small", "text-embedding-3-small", "text-embedding-ada-002",
				"text-embedding-ada-002");
	}

	@Test
	void shouldRejectWhatAutoevalsRejects() {
		EmbeddingSimilarity scorer = new EmbeddingSimilarity(this.server.embeddingModel());
		assertThatIllegalArgumentException().isThrownBy(() -> scorer.score("a", null))
			.withMessage("EmbeddingSimilarity requires an expected value");
		assertThatIllegalArgumentException().isThrownBy(() -> scorer.withExpectedMin(1));
	}

	private static String input(JsonNode input) {
		return input.isArray() ? input.get(0).stringValue() : input.stringValue();
	}

}

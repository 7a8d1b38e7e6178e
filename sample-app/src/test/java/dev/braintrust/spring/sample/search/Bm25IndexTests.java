package dev.braintrust.spring.sample.search;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Bm25Index}.
 *
 * @author Braintrust
 */
class Bm25IndexTests {

	private static final List<String> DOCUMENTS = List.of("tent tent pole", "tent", "stove gas canister",
			"sleeping bag");

	private final TextAnalyzer analyzer = new TextAnalyzer();

	@Test
	void idfFollowsLuceneFormula() {
		Bm25Index<String> index = new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer);
		// N = 4; "tent" is in 2 documents, "stove" in 1, "kayak" in none
		assertThat(index.idf("tent")).isCloseTo(Math.log(1 + (4 - 2 + 0.5) / (2 + 0.5)), within(1e-12));
		String stove = this.analyzer.terms("stove").get(0);
		assertThat(index.idf(stove)).isCloseTo(Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5)), within(1e-12));
		assertThat(index.idf("kayak")).isCloseTo(Math.log(1 + (4 - 0 + 0.5) / (0 + 0.5)), within(1e-12));
	}

	@Test
	void scoreIsBm25() {
		Bm25Index<String> index = new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer, 1.2, 0.75);
		// lengths 3, 1, 3, 2: avgdl = 9 / 4
		double avgdl = 9.0 / 4;
		double idf = Math.log(1 + 2.5 / 2.5);
		double first = idf * 2 * 2.2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 3 / avgdl));
		double second = idf * 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 1 / avgdl));
		List<Bm25Index.Hit<String>> hits = index.search("tents", 10, 0);
		assertThat(hits).extracting(Bm25Index.Hit::document).containsExactly("tent", "tent tent pole");
		assertThat(hits.get(0).score()).isCloseTo(second, within(1e-12));
		assertThat(hits.get(1).score()).isCloseTo(first, within(1e-12));
	}

	@Test
	void withoutLengthNormalizationTheMoreFrequentTermWins() {
		Bm25Index<String> index = new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer, 1.2, 0);
		assertThat(index.search("tent", 10, 0)).extracting(Bm25Index.Hit::document)
			.containsExactly("tent tent pole", "tent");
	}

	@Test
	void termFrequencySaturatesWithK1() {
		List<String> documents = List.of("tent", "tent tent tent tent tent tent tent tent", "stove");
		Bm25Index<String> index = new Bm25Index<>(documents, Function.identity(), this.analyzer, 1.2, 0);
		List<Bm25Index.Hit<String>> hits = index.search("tent", 10, 0);
		// eight times the term gives less than (k1 + 1) / 1 times the single occurrence's
		// score
		assertThat(hits.get(0).score() / hits.get(1).score()).isLessThan(2.2).isGreaterThan(1);
		Bm25Index<String> binary = new Bm25Index<>(documents, Function.identity(), this.analyzer, 0, 0);
		List<Bm25Index.Hit<String>> binaryHits = binary.search("tent", 10, 0);
		assertThat(binaryHits.get(0).score()).isEqualTo(binaryHits.get(1).score());
	}

	@Test
	void everyDistinctQueryTermCountsOnce() {
		Bm25Index<String> index = new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer);
		assertThat(index.search("gas gas stove", 1, 0).get(0).score())
			.isEqualTo(index.search("gas stove", 1, 0).get(0).score());
	}

	@Test
	void documentsWithoutQueryTermsOrBelowTheMinimumAreNotReturned() {
		Bm25Index<String> index = new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer);
		assertThat(index.search("kayak paddle", 10, 0)).isEmpty();
		assertThat(index.search("the", 10, 0)).isEmpty();
		double best = index.search("sleeping bag", 1, 0).get(0).score();
		assertThat(index.search("sleeping bag", 10, best + 0.001)).isEmpty();
		assertThat(index.search("sleeping bag", 10, best)).hasSize(1);
	}

	@Test
	void limitKeepsTheBestAndEqualScoresKeepDocumentOrder() {
		Bm25Index<String> index = new Bm25Index<>(List.of("red tent", "blue tent", "green tent"), Function.identity(),
				this.analyzer);
		assertThat(index.search("tent", 2, 0)).extracting(Bm25Index.Hit::document)
			.containsExactly("red tent", "blue tent");
	}

	@Test
	void emptyIndexFindsNothing() {
		assertThat(new Bm25Index<String>(List.of(), Function.identity(), this.analyzer).search("tent", 3, 0)).isEmpty();
	}

	@Test
	void invalidParametersAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer, -1, 0.75))
			.withMessage("'k1' must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Bm25Index<>(DOCUMENTS, Function.identity(), this.analyzer, 1.2, 1.5))
			.withMessage("'b' must be between 0 and 1");
	}

}

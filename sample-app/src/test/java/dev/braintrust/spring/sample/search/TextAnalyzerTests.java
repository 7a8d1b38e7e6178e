package dev.braintrust.spring.sample.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TextAnalyzer}.
 *
 * @author Braintrust
 */
class TextAnalyzerTests {

	private final TextAnalyzer analyzer = new TextAnalyzer();

	@Test
	void termsAreLowerCaseWordsWithoutStopWords() {
		assertThat(this.analyzer.terms("How do I reset MY Password?")).containsExactly("reset", "password");
	}

	@Test
	void numbersAndAccentedWordsAreTerms() {
		assertThat(this.analyzer.terms("Crème brûlée, order #1042")).containsExactly("crem", "brule", "order", "1042");
	}

	@Test
	void inflectionsMeetTheirStem() {
		assertThat(this.analyzer.terms("return returns returned returning")).containsOnly("return");
		assertThat(this.analyzer.terms("ship ships shipped shipping")).containsOnly("ship");
		assertThat(this.analyzer.terms("change changes changed changing")).containsOnly("chang");
		assertThat(this.analyzer.terms("delivery deliveries")).containsOnly("delivery");
	}

	@Test
	void shortWordsAndWordsEndingInDoubleSAreKept() {
		assertThat(this.analyzer.terms("bus gas address class")).containsExactly("bus", "gas", "address", "class");
	}

	@Test
	void repeatedWordsAreRepeatedTerms() {
		assertThat(this.analyzer.terms("tent tent tents")).containsExactly("tent", "tent", "tent");
	}

}

package dev.braintrust.spring.sample.faq;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FaqRetriever} and {@link FaqKnowledgeBase} on the sample's FAQ.
 *
 * @author Braintrust
 */
class FaqRetrieverTests {

	private final FaqKnowledgeBase knowledgeBase = new FaqKnowledgeBase(
			new ClassPathResource("faq/knowledge-base.jsonl"));

	private final FaqRetriever retriever = new FaqRetriever(this.knowledgeBase, 3, 1.5);

	@Test
	void knowledgeBaseHoldsTheEntriesInFileOrder() {
		assertThat(this.knowledgeBase.entries()).hasSize(15)
			.first()
			.extracting(FaqEntry::id)
			.isEqualTo("returns-policy");
		assertThat(this.knowledgeBase.find("warranty")).hasValueSatisfying((entry) -> assertThat(entry.answer())
			.startsWith("Tents, backpacks and jackets carry a 2-year warranty"));
		assertThat(this.knowledgeBase.find("nope")).isEmpty();
	}

	@Test
	void bestEntryComesFirst() {
		List<FaqHit> hits = this.retriever.search("How long does express shipping take?");
		assertThat(hits).isNotEmpty().hasSizeLessThanOrEqualTo(3);
		assertThat(hits.get(0).id()).isEqualTo("shipping-times");
		assertThat(hits).extracting(FaqHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void unrelatedQuestionFindsNothing() {
		assertThat(this.retriever.search("Can you recommend a good restaurant in Paris?")).isEmpty();
	}

	@Test
	void duplicateIdsAreRejected() {
		ByteArrayResource resource = new ByteArrayResource("""
				{"id": "a", "question": "q", "answer": "x"}

				{"id": "a", "question": "q2", "answer": "y"}
				""".getBytes());
		assertThatIllegalStateException().isThrownBy(() -> new FaqKnowledgeBase(resource))
			.withMessage("Duplicate FAQ id 'a'");
	}

	@Test
	void incompleteEntriesAreRejectedWithTheirLine() {
		ByteArrayResource resource = new ByteArrayResource("{\"id\": \"a\", \"question\": \"q\"}".getBytes());
		assertThatIllegalStateException().isThrownBy(() -> new FaqKnowledgeBase(resource))
			.withMessageStartingWith("Line 1 of ")
			.withMessageEndingWith("needs an id, a question and an answer");
	}

}

package dev.braintrust.spring.sample.faq;

import java.util.List;

import dev.braintrust.spring.logger.SpanType;
import dev.braintrust.spring.sample.search.Bm25Index;
import dev.braintrust.spring.sample.search.TextAnalyzer;
import dev.braintrust.spring.tracing.Traced;

/**
 * Finds the FAQ entries that answer a question, with BM25 over each entry's question
 * (counted twice, as it states the topic) and answer. Each search is a Braintrust span of
 * type {@code function} holding the question and the hits.
 *
 * @author Braintrust
 */
public class FaqRetriever {

	private final Bm25Index<FaqEntry> index;

	private final int topK;

	private final double minScore;

	/**
	 * Create a retriever.
	 * @param knowledgeBase the entries to search
	 * @param topK the maximum number of entries returned
	 * @param minScore the lowest BM25 score of an entry returned
	 */
	public FaqRetriever(FaqKnowledgeBase knowledgeBase, int topK, double minScore) {
		this.index = new Bm25Index<>(knowledgeBase.entries(), FaqRetriever::indexedText, new TextAnalyzer());
		this.topK = topK;
		this.minScore = minScore;
	}

	/**
	 * The entries that best answer a question.
	 * @param question the question
	 * @return the hits, best first; empty when nothing matches well enough
	 */
	@Traced(name = "FaqRetriever.search", type = SpanType.FUNCTION)
	public List<FaqHit> search(String question) {
		return this.index.search(question, this.topK, this.minScore)
			.stream()
			.map((hit) -> new FaqHit(hit.document().id(), hit.document().question(), hit.document().answer(),
					Math.round(hit.score() * 1000) / 1000.0))
			.toList();
	}

	static String indexedText(FaqEntry entry) {
		return entry.question() + "\n" + entry.question() + "\n" + entry.answer();
	}

}

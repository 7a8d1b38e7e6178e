package dev.braintrust.spring.sample.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * An Okapi BM25 index over a fixed list of documents. A document's score for a query is
 * <pre>
 * score(D, Q) = sum over distinct terms t of Q of
 *     idf(t) * f(t, D) * (k1 + 1) / (f(t, D) + k1 * (1 - b + b * |D| / avgdl))
 * idf(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))
 * </pre> where {@code f(t, D)} is the frequency of {@code t} in {@code D}, {@code |D|}
 * the document's length in terms, {@code avgdl} the mean length, {@code N} the number of
 * documents and {@code n(t)} the number that contain {@code t}. The IDF is Lucene's
 * variant, which never goes negative for terms found in most documents.
 *
 * @param <T> the document type
 * @author Braintrust
 */
public final class Bm25Index<T> {

	/** The usual term-frequency saturation. */
	public static final double DEFAULT_K1 = 1.2;

	/** The usual length normalization. */
	public static final double DEFAULT_B = 0.75;

	private final List<T> documents;

	private final List<Map<String, Integer>> termFrequencies;

	private final int[] lengths;

	private final Map<String, Integer> documentFrequencies = new HashMap<>();

	private final double averageLength;

	private final TextAnalyzer analyzer;

	private final double k1;

	private final double b;

	/**
	 * Index documents with the default parameters.
	 * @param documents the documents
	 * @param text the text of a document
	 * @param analyzer the analyzer for documents and queries
	 */
	public Bm25Index(List<T> documents, Function<T, String> text, TextAnalyzer analyzer) {
		this(documents, text, analyzer, DEFAULT_K1, DEFAULT_B);
	}

	/**
	 * Index documents.
	 * @param documents the documents
	 * @param text the text of a document
	 * @param analyzer the analyzer for documents and queries
	 * @param k1 the term-frequency saturation, at least 0
	 * @param b the length normalization, between 0 and 1
	 */
	public Bm25Index(List<T> documents, Function<T, String> text, TextAnalyzer analyzer, double k1, double b) {
		Assert.isTrue(k1 >= 0, "'k1' must not be negative");
		Assert.isTrue(b >= 0 && b <= 1, "'b' must be between 0 and 1");
		this.documents = List.copyOf(documents);
		this.analyzer = analyzer;
		this.k1 = k1;
		this.b = b;
		this.termFrequencies = new ArrayList<>(this.documents.size());
		this.lengths = new int[this.documents.size()];
		long totalLength = 0;
		for (int i = 0; i < this.documents.size(); i++) {
			List<String> terms = analyzer.terms(text.apply(this.documents.get(i)));
			Map<String, Integer> frequencies = new HashMap<>();
			terms.forEach((term) -> frequencies.merge(term, 1, Integer::sum));
			frequencies.keySet().forEach((term) -> this.documentFrequencies.merge(term, 1, Integer::sum));
			this.termFrequencies.add(frequencies);
			this.lengths[i] = terms.size();
			totalLength += terms.size();
		}
		this.averageLength = this.documents.isEmpty() ? 0 : (double) totalLength / this.documents.size();
	}

	/**
	 * The inverse document frequency of a term (already analyzed).
	 * @param term the term
	 * @return its IDF, the largest for a term no document holds
	 */
	public double idf(String term) {
		int n = this.documentFrequencies.getOrDefault(term, 0);
		return Math.log(1 + (this.documents.size() - n + 0.5) / (n + 0.5));
	}

	/**
	 * Score every document for a query and return the best ones.
	 * @param query the query text
	 * @param limit the maximum number of hits
	 * @param minScore the lowest score kept; documents sharing no term with the query
	 * score 0 and are never returned
	 * @return the hits, best first; equal scores keep the documents' order
	 */
	public List<Hit<T>> search(String query, int limit, double minScore) {
		LinkedHashSet<String> queryTerms = new LinkedHashSet<>(this.analyzer.terms(query));
		List<Hit<T>> hits = new ArrayList<>();
		for (int i = 0; i < this.documents.size(); i++) {
			double score = score(queryTerms, i);
			if (score > 0 && score >= minScore) {
				hits.add(new Hit<>(this.documents.get(i), score));
			}
		}
		hits.sort(Comparator.comparingDouble((Hit<T> hit) -> hit.score()).reversed());
		return (hits.size() > limit) ? List.copyOf(hits.subList(0, limit)) : hits;
	}

	private double score(Iterable<String> queryTerms, int document) {
		Map<String, Integer> frequencies = this.termFrequencies.get(document);
		double norm = this.k1 * (1 - this.b + this.b * this.lengths[document] / this.averageLength);
		double score = 0;
		for (String term : queryTerms) {
			int frequency = frequencies.getOrDefault(term, 0);
			if (frequency > 0) {
				score += idf(term) * frequency * (this.k1 + 1) / (frequency + norm);
			}
		}
		return score;
	}

	/**
	 * A document and its score.
	 *
	 * @param <T> the document type
	 * @param document the document
	 * @param score its BM25 score, positive
	 */
	public record Hit<T>(T document, double score) {

	}

}

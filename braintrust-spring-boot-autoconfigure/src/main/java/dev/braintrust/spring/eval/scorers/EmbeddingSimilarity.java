package dev.braintrust.spring.eval.scorers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * Semantic similarity by embeddings: autoevals' {@code EmbeddingSimilarity}, on a Spring
 * AI {@link EmbeddingModel}. Each value (a map or list as JSON text, anything else as
 * Python's {@code str()}) is embedded with the prefix in front; the cosine similarity
 * {@code cos} (capped at 1, 0 when a vector is all zeros) is rescaled to
 * {@code max((cos - expectedMin) / (1 - expectedMin), 0)}.
 * <p>
 * Embeddings are cached per text (including the prefix and the model), shared by the
 * copies made with {@code with...} methods and bounded to the most recent
 * {@value #DEFAULT_CACHE_SIZE} texts.
 * <p>
 * autoevals embeds with {@code text-embedding-ada-002} by default; this scorer uses the
 * embedding model's own configured model unless {@link #withModel(String)} names one.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class EmbeddingSimilarity implements Scorer {

	/** The score's name, as autoevals names it. */
	public static final String NAME = "EmbeddingSimilarity";

	/** The default lower bound of the rescaled similarity, as in autoevals. */
	public static final double DEFAULT_EXPECTED_MIN = 0.7;

	/** How many embeddings the cache keeps. */
	public static final int DEFAULT_CACHE_SIZE = 4096;

	private final EmbeddingModel embeddingModel;

	private final String prefix;

	private final double expectedMin;

	private final @Nullable String model;

	private final Map<String, float[]> cache;

	/**
	 * Create the scorer with autoevals' defaults: no prefix, {@code expectedMin} 0.7.
	 * @param embeddingModel the model that embeds the values
	 */
	public EmbeddingSimilarity(EmbeddingModel embeddingModel) {
		this(requireModel(embeddingModel), "", DEFAULT_EXPECTED_MIN, null, newCache());
	}

	private EmbeddingSimilarity(EmbeddingModel embeddingModel, String prefix, double expectedMin,
			@Nullable String model, Map<String, float[]> cache) {
		this.embeddingModel = embeddingModel;
		this.prefix = prefix;
		this.expectedMin = expectedMin;
		this.model = model;
		this.cache = cache;
	}

	/**
	 * A copy that puts a prefix in front of every value before embedding it, to give the
	 * model the domain of the values (for example {@code "resource type: "}).
	 * @param prefix the prefix
	 * @return a new scorer
	 */
	public EmbeddingSimilarity withPrefix(String prefix) {
		if (prefix == null) {
			throw new IllegalArgumentException("'prefix' must not be null; use \"\" for none");
		}
		return new EmbeddingSimilarity(this.embeddingModel, prefix, this.expectedMin, this.model, this.cache);
	}

	/**
	 * A copy with another lower bound: similarities at or below it score 0, those between
	 * it and 1 are scaled linearly.
	 * @param expectedMin the bound, below 1
	 * @return a new scorer
	 */
	public EmbeddingSimilarity withExpectedMin(double expectedMin) {
		if (!(expectedMin < 1) || Double.isNaN(expectedMin) || Double.isInfinite(expectedMin)) {
			throw new IllegalArgumentException("'expectedMin' must be a finite number below 1, not " + expectedMin);
		}
		return new EmbeddingSimilarity(this.embeddingModel, this.prefix, expectedMin, this.model, this.cache);
	}

	/**
	 * A copy that asks the embedding model for a specific model, for example
	 * {@code text-embedding-ada-002} (autoevals' default).
	 * @param model the model name, or null for the embedding model's default
	 * @return a new scorer
	 */
	public EmbeddingSimilarity withModel(@Nullable String model) {
		return new EmbeddingSimilarity(this.embeddingModel, this.prefix, this.expectedMin, model, this.cache);
	}

	/**
	 * Score an output against the expected value.
	 * @param output the output
	 * @param expected the expected value
	 * @return the similarity in [0, 1]
	 * @throws IllegalArgumentException when {@code expected} is null
	 */
	public double score(@Nullable Object output, @Nullable Object expected) {
		if (expected == null) {
			throw new IllegalArgumentException("EmbeddingSimilarity requires an expected value");
		}
		float[] a = embed(output);
		float[] b = embed(expected);
		return scale(cosineSimilarity(a, b), this.expectedMin);
	}

	@Override
	public Score score(ScorerArgs args) {
		return Score.of(NAME, score(args.output(), args.expected()));
	}

	@Override
	public String name() {
		return NAME;
	}

	private float[] embed(@Nullable Object value) {
		Object canonical = PyValues.canonical(value);
		String text = this.prefix + ((PyValues.isDict(canonical) || PyValues.isList(canonical))
				? PyValues.dumps(canonical) : PyValues.str(canonical));
		String key = ((this.model != null) ? this.model : "") + '\u0000' + text;
		float[] cached;
		synchronized (this.cache) {
			cached = this.cache.get(key);
		}
		if (cached != null) {
			return cached;
		}
		float[] embedding = (this.model != null) ? embedWithModel(text, this.model) : this.embeddingModel.embed(text);
		synchronized (this.cache) {
			this.cache.put(key, embedding);
		}
		return embedding;
	}

	private float[] embedWithModel(String text, String model) {
		EmbeddingResponse response = this.embeddingModel
			.call(new EmbeddingRequest(List.of(text), EmbeddingOptions.builder().model(model).build()));
		if (response == null || response.getResults().isEmpty()) {
			throw new IllegalStateException("The embedding model returned no embedding for the text");
		}
		return response.getResults().get(0).getOutput();
	}

	static double cosineSimilarity(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			dot += (double) a[i] * b[i];
		}
		for (float x : a) {
			normA += (double) x * x;
		}
		for (float x : b) {
			normB += (double) x * x;
		}
		double magnitude = Math.sqrt(normA) * Math.sqrt(normB);
		if (magnitude == 0) {
			return 0;
		}
		// rounding can push the ratio slightly above 1
		return Math.min(dot / magnitude, 1);
	}

	static double scale(double similarity, double expectedMin) {
		return Math.max((similarity - expectedMin) / (1 - expectedMin), 0);
	}

	private static EmbeddingModel requireModel(@Nullable EmbeddingModel embeddingModel) {
		if (embeddingModel == null) {
			throw new IllegalArgumentException("'embeddingModel' must not be null");
		}
		return embeddingModel;
	}

	@SuppressWarnings("serial")
	private static Map<String, float[]> newCache() {
		return new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
				return size() > DEFAULT_CACHE_SIZE;
			}

		};
	}

	@Override
	public String toString() {
		return NAME + "[prefix=" + this.prefix + ", expectedMin=" + this.expectedMin
				+ ((this.model != null) ? ", model=" + this.model : "") + "]";
	}

}

package dev.braintrust.spring.sample.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the support assistant.
 *
 * @author Braintrust
 */
@ConfigurationProperties("support")
public class SupportProperties {

	private final Retrieval retrieval = new Retrieval();

	public Retrieval getRetrieval() {
		return this.retrieval;
	}

	/**
	 * FAQ retrieval.
	 */
	public static class Retrieval {

		/**
		 * Maximum number of FAQ entries put in the model's prompt.
		 */
		private int topK = 3;

		/**
		 * Lowest BM25 score of an FAQ entry put in the model's prompt.
		 */
		private double minScore = 1.5;

		public int getTopK() {
			return this.topK;
		}

		public void setTopK(int topK) {
			this.topK = topK;
		}

		public double getMinScore() {
			return this.minScore;
		}

		public void setMinScore(double minScore) {
			this.minScore = minScore;
		}

	}

}

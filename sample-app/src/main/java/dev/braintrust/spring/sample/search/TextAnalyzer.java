package dev.braintrust.spring.sample.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text into search terms: Unicode-normalized, lower-cased words and numbers,
 * English stop words removed, and a light suffix stemmer (Harman's "S" stemmer plus
 * {@code -ing} and {@code -ed}) so that "returns", "returning" and "returned" meet
 * "return".
 *
 * @author Braintrust
 */
public final class TextAnalyzer {

	/** Words that say nothing about which FAQ entry a question is about. */
	static final Set<String> STOP_WORDS = Set.of("a", "about", "after", "all", "am", "an", "and", "any", "are", "as",
			"at", "be", "been", "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
			"have", "hello", "hi", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or",
			"our", "please", "should", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
			"this", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with",
			"would", "you", "your");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	/**
	 * The terms of a text, in order, repeated as often as they occur.
	 * @param text the text
	 * @return the terms
	 */
	public List<String> terms(String text) {
		String normalized = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
		List<String> terms = new ArrayList<>();
		Matcher matcher = WORD.matcher(normalized.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String word = matcher.group();
			if (!STOP_WORDS.contains(word)) {
				terms.add(stem(word));
			}
		}
		return terms;
	}

	/**
	 * Strip common English inflections.
	 * @param word a lower-case word
	 * @return its stem
	 */
	static String stem(String word) {
		if (word.length() <= 3 || Character.isDigit(word.charAt(0))) {
			return word;
		}
		String stem = word;
		if (stem.endsWith("ies") && !stem.endsWith("eies") && !stem.endsWith("aies")) {
			stem = stem.substring(0, stem.length() - 3) + "y";
		}
		else if (stem.endsWith("es") && !stem.endsWith("aes") && !stem.endsWith("ees") && !stem.endsWith("oes")) {
			stem = stem.substring(0, stem.length() - 1);
		}
		else if (stem.endsWith("s") && !stem.endsWith("us") && !stem.endsWith("ss")) {
			stem = stem.substring(0, stem.length() - 1);
		}
		if (stem.endsWith("ing") && stem.length() > 5) {
			stem = undouble(stem.substring(0, stem.length() - 3));
		}
		else if (stem.endsWith("ed") && stem.length() > 4) {
			stem = undouble(stem.substring(0, stem.length() - 2));
		}
		if (stem.endsWith("e") && stem.length() > 3) {
			// "change"/"changing" and "exchange"/"exchanged" meet without their final e
			stem = stem.substring(0, stem.length() - 1);
		}
		return stem;
	}

	private static String undouble(String stem) {
		int length = stem.length();
		if (length > 2 && stem.charAt(length - 1) == stem.charAt(length - 2)
				&& "sz".indexOf(stem.charAt(length - 1)) < 0) {
			return stem.substring(0, length - 1);
		}
		return stem;
	}

}

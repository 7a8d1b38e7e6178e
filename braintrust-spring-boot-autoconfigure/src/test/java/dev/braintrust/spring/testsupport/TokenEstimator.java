package dev.braintrust.spring.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic token estimates, close to what GPT-4o's and Claude's tokenizers report
 * for short English text: one token per word (long words count double), digit and
 * punctuation mark.
 */
final class TokenEstimator {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z]+|\\d|[^\\sA-Za-z\\d]");

	private static final Pattern PIECE = Pattern.compile("\\s*[A-Za-z']+|\\s*\\d+|\\s*[^\\sA-Za-z\\d]|\\s+");

	private TokenEstimator() {
	}

	static int count(String text) {
		int tokens = 0;
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			String token = matcher.group();
			tokens += (token.length() > 9) ? 2 : 1;
		}
		return tokens;
	}

	/**
	 * Split text into the pieces a streaming API sends: words with their leading
	 * whitespace, numbers and punctuation marks. Concatenating the pieces gives the text
	 * back.
	 */
	static List<String> pieces(String text) {
		List<String> pieces = new ArrayList<>();
		Matcher matcher = PIECE.matcher(text);
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() > end) {
				pieces.add(text.substring(end, matcher.start()));
			}
			pieces.add(matcher.group());
			end = matcher.end();
		}
		if (end < text.length()) {
			pieces.add(text.substring(end));
		}
		return pieces;
	}

	/** The longest prefix of the text made of at most {@code maxTokens} tokens. */
	static String truncate(String text, int maxTokens) {
		StringBuilder kept = new StringBuilder();
		int tokens = 0;
		for (String piece : pieces(text)) {
			int cost = count(piece);
			if (tokens + cost > maxTokens) {
				break;
			}
			tokens += cost;
			kept.append(piece);
		}
		return kept.toString();
	}

}

package dev.braintrust.spring.sample.offline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Counts tokens the simple way: a word is one token per four letters (rounded up), a
 * number one per three digits, every other non-space character one. That is close to what
 * BPE tokenizers give for English text, which is all the offline model needs to report
 * plausible usage.
 *
 * @author Braintrust
 */
final class TokenCounter {

	private static final Pattern PIECE = Pattern.compile("(\\p{L}+)|(\\p{N}+)|[^\\s\\p{L}\\p{N}]");

	int count(@Nullable String text) {
		if (text == null) {
			return 0;
		}
		int tokens = 0;
		Matcher matcher = PIECE.matcher(text);
		while (matcher.find()) {
			if (matcher.group(1) != null) {
				tokens += ceilDiv(matcher.group(1).codePointCount(0, matcher.group(1).length()), 4);
			}
			else if (matcher.group(2) != null) {
				tokens += ceilDiv(matcher.group(2).length(), 3);
			}
			else {
				tokens++;
			}
		}
		return tokens;
	}

	private static int ceilDiv(int value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

}

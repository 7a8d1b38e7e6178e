package dev.braintrust.spring.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fake model's knowledge: a few known questions with the answers a real model gives,
 * counting and arithmetic, and an echo for everything else. Deterministic.
 */
final class FakeAnswers {

	private static final Map<String, String> KNOWN = new LinkedHashMap<>();

	static {
		KNOWN.put("capital of france", "The capital of France is Paris.");
		KNOWN.put("capital of germany", "The capital of Germany is Berlin.");
		KNOWN.put("capital of italy", "The capital of Italy is Rome.");
		KNOWN.put("capital of spain", "The capital of Spain is Madrid.");
		KNOWN.put("capital of japan", "The capital of Japan is Tokyo.");
		KNOWN.put("capital of the united states", "The capital of the United States is Washington, D.C.");
		KNOWN.put("tell me a joke", "Why don't scientists trust atoms? Because they make up everything!");
		KNOWN.put("who are you", "I'm an AI assistant. How can I help you today?");
		KNOWN.put("what color is the sky", "The sky is usually blue on a clear day.");
	}

	private static final Pattern COUNT = Pattern.compile("count (?:from )?(-?\\d+) (?:to|through|until) (-?\\d+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern COUNT_TO = Pattern.compile("count to (\\d+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern ARITHMETIC = Pattern.compile("(-?\\d+)\\s*([+\\-*x×/])\\s*(-?\\d+)");

	private static final Pattern GREETING = Pattern.compile("^(hi|hello|hey)\\b.*", Pattern.CASE_INSENSITIVE);

	private static final Pattern SAY = Pattern.compile("^(?:please )?(?:say|repeat after me:?)\\s+(.+)$",
			Pattern.CASE_INSENSITIVE);

	private FakeAnswers() {
	}

	static String answer(String question, Map<String, String> extra) {
		String text = question.strip();
		String lower = text.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, String> entry : extra.entrySet()) {
			if (lower.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
				return entry.getValue();
			}
		}
		for (Map.Entry<String, String> entry : KNOWN.entrySet()) {
			if (lower.contains(entry.getKey())) {
				return entry.getValue();
			}
		}
		Matcher count = COUNT.matcher(text);
		if (count.find()) {
			return countFrom(Integer.parseInt(count.group(1)), Integer.parseInt(count.group(2)));
		}
		Matcher countTo = COUNT_TO.matcher(text);
		if (countTo.find()) {
			return countFrom(1, Integer.parseInt(countTo.group(1)));
		}
		Matcher arithmetic = ARITHMETIC.matcher(text);
		if (arithmetic.find() && (lower.contains("what") || lower.contains("calculate") || lower.contains("?"))) {
			return arithmetic(Long.parseLong(arithmetic.group(1)), arithmetic.group(2),
					Long.parseLong(arithmetic.group(3)));
		}
		Matcher say = SAY.matcher(text);
		if (say.matches()) {
			return say.group(1);
		}
		if (GREETING.matcher(text).matches()) {
			return "Hello! How can I assist you today?";
		}
		if (text.isEmpty()) {
			return "How can I help you today?";
		}
		return "You said: \"" + text + "\". I don't have any more information about that.";
	}

	/** The answer after tools ran: the question's answer built on the tool results. */
	static String answerFromToolResults(String question, List<String> toolNames, List<String> results) {
		StringBuilder answer = new StringBuilder();
		for (int i = 0; i < results.size(); i++) {
			answer.append((i == 0) ? "According to " : " and ")
				.append(toolNames.get(i))
				.append(", ")
				.append(results.get(i).strip());
		}
		answer.append('.');
		return answer.toString().replace("..", ".");
	}

	private static String countFrom(int from, int to) {
		int step = (to >= from) ? 1 : -1;
		int size = Math.min(Math.abs(to - from) + 1, 10_000);
		return IntStream.range(0, size)
			.mapToObj((i) -> Integer.toString(from + i * step))
			.collect(Collectors.joining(", ")) + ".";
	}

	private static String arithmetic(long left, String operator, long right) {
		return switch (operator) {
			case "+" -> left + " + " + right + " = " + (left + right) + ".";
			case "-" -> left + " - " + right + " = " + (left - right) + ".";
			case "/" -> (right == 0) ? "Division by zero is undefined."
					: left + " / " + right + " = " + formatQuotient(left, right) + ".";
			default -> left + " × " + right + " = " + (left * right) + ".";
		};
	}

	private static String formatQuotient(long left, long right) {
		return (left % right == 0) ? Long.toString(left / right)
				: String.format(Locale.ROOT, "%.2f", (double) left / right);
	}

}

package dev.braintrust.spring.boot.autoconfigure.eval;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.PatternMatchUtils;

/**
 * Selects the evals to run on startup from {@code braintrust.eval.include} and
 * {@code braintrust.eval.exclude}.
 *
 * @param include the names or patterns to run, all when empty
 * @param exclude the names or patterns not to run
 * @author Braintrust
 */
record EvalSelection(List<String> include, List<String> exclude) {

	List<String> select(List<String> names) {
		List<String> selected = new ArrayList<>();
		for (String name : names) {
			boolean included = this.include.isEmpty() || matches(this.include, name);
			if (included && !matches(this.exclude, name)) {
				selected.add(name);
			}
		}
		return selected;
	}

	/**
	 * The included names (not patterns) that name no eval.
	 */
	List<String> unknown(List<String> names) {
		return this.include.stream().filter((name) -> !name.contains("*") && !names.contains(name)).toList();
	}

	private static boolean matches(List<String> patterns, String name) {
		return patterns.stream().anyMatch((pattern) -> PatternMatchUtils.simpleMatch(pattern.trim(), name));
	}

}

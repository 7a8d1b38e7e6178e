package dev.braintrust.spring.eval.scorers;

import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Renders judge prompts the way autoevals' Python package does with chevron: no HTML
 * escaping (even for {@code {{double}}} braces), every value written with Python's
 * {@code str()} ({@code {'a': 1}}, {@code True}, {@code ['A', 'B']}), and missing or
 * empty values ({@code None}, {@code ""}, {@code []}, {@code {}}) rendered as nothing.
 *
 * @author Braintrust
 */
final class PromptRenderer {

	private static final Mustache.Compiler COMPILER = Mustache.compiler()
		.escapeHTML(false)
		.defaultValue("")
		.emptyStringIsFalse(true)
		.withFormatter(PromptRenderer::format);

	private PromptRenderer() {
	}

	/**
	 * Compile a template.
	 * @param template the mustache text
	 * @return the compiled template
	 */
	static Template compile(String template) {
		return COMPILER.compile(template);
	}

	/**
	 * Render a template.
	 * @param template the compiled template
	 * @param variables the variables, as canonical values
	 * @return the text
	 */
	static String render(Template template, Map<String, ?> variables) {
		return template.execute(variables);
	}

	private static String format(Object value) {
		// chevron returns "" for a falsy value other than 0 and False
		if (value instanceof String || value instanceof Map || value instanceof java.util.List) {
			if (!PyValues.isTruthy(value)) {
				return "";
			}
		}
		return PyValues.str(value);
	}

}

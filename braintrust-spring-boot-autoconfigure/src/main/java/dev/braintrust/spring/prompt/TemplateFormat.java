package dev.braintrust.spring.prompt;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a prompt's text is templated ({@code prompt_data.template_format}).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public enum TemplateFormat {

	/**
	 * Mustache, Braintrust's default: {@code {{variable}}}, sections and lists.
	 */
	MUSTACHE,

	/**
	 * Nunjucks, which Braintrust's TypeScript SDK renders only with a plugin; not
	 * supported here.
	 */
	NUNJUCKS,

	/**
	 * No templating: the text is used as it is.
	 */
	NONE;

	/**
	 * The format named in a prompt's JSON.
	 * @param value the wire value, or null
	 * @return the format; {@link #MUSTACHE} when absent
	 * @throws IllegalArgumentException for an unknown format
	 */
	public static TemplateFormat fromWire(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return MUSTACHE;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "mustache" -> MUSTACHE;
			case "nunjucks" -> NUNJUCKS;
			case "none" -> NONE;
			default -> throw new IllegalArgumentException(
					"Unknown template_format '" + value + "': expected 'mustache', 'nunjucks' or 'none'");
		};
	}

	/**
	 * The name used in a prompt's JSON.
	 * @return the wire value
	 */
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}

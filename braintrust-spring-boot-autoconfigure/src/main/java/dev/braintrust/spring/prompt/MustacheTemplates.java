package dev.braintrust.spring.prompt;

import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only class that touches jmustache, so that loading prompts works without it on the
 * classpath. Configured as Braintrust's TypeScript SDK renders: no HTML escaping, strings
 * inserted as they are, anything else as compact JSON, and {@code ""} and {@code 0} false
 * in sections, as in JavaScript.
 *
 * @author Braintrust
 */
final class MustacheTemplates {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Mustache.Formatter FORMATTER = (value) -> (value instanceof CharSequence text) ? text
			: JSON.writeValueAsString(value);

	private static final Mustache.Compiler BASE = Mustache.compiler()
		.escapeHTML(false)
		.withFormatter(FORMATTER)
		.emptyStringIsFalse(true)
		.zeroIsFalse(true);

	private static final Mustache.Compiler LENIENT = BASE.defaultValue("");

	// present-but-null renders empty; only an absent key fails
	private static final Mustache.Compiler STRICT = BASE.nullValue("").strictSections(true);

	private MustacheTemplates() {
	}

	static String render(String template, Map<String, Object> context, boolean strict) {
		Mustache.Compiler compiler = strict ? STRICT : LENIENT;
		try {
			return compiler.compile(template).execute(context);
		}
		catch (MustacheException.Context ex) {
			throw new PromptRenderException(
					"Template rendering failed: Could not find key '" + ex.key + "' (line " + ex.lineNo + ")", ex.key,
					ex);
		}
		catch (MustacheException ex) {
			throw new PromptRenderException("Template rendering failed: " + ex.getMessage(), null, ex);
		}
	}

}

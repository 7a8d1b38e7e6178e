package dev.braintrust.spring.prompt;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Renders Braintrust prompt templates the way Braintrust's TypeScript SDK and playground
 * do: mustache without HTML escaping, strings inserted as they are and any other value as
 * compact JSON, dotted names into nested objects, sections and lists. A missing variable
 * renders as an empty string, or fails with a {@link PromptRenderException} naming it
 * when the renderer is strict. Text with template format {@link TemplateFormat#NONE} is
 * returned unchanged.
 * <p>
 * Mustache rendering needs {@code com.samskivert:jmustache} on the classpath.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class PromptRenderer {

	private static final String JMUSTACHE = "com.samskivert.mustache.Mustache";

	private static final PromptRenderer LENIENT = new PromptRenderer(false);

	private static final PromptRenderer STRICT = new PromptRenderer(true);

	private final boolean strict;

	private PromptRenderer(boolean strict) {
		this.strict = strict;
	}

	/**
	 * A renderer that renders missing variables as empty strings.
	 * @return the renderer
	 */
	public static PromptRenderer lenient() {
		return LENIENT;
	}

	/**
	 * A renderer that fails on missing variables.
	 * @return the renderer
	 */
	public static PromptRenderer strict() {
		return STRICT;
	}

	/**
	 * A lenient or strict renderer.
	 * @param strict whether missing variables fail
	 * @return the renderer
	 */
	public static PromptRenderer of(boolean strict) {
		return strict ? STRICT : LENIENT;
	}

	/**
	 * Whether a missing variable fails rendering.
	 * @return true when strict
	 */
	public boolean isStrict() {
		return this.strict;
	}

	/**
	 * Render a mustache template.
	 * @param template the template
	 * @param variables the variables: strings, numbers, booleans, maps, lists, records,
	 * beans or Jackson trees
	 * @return the rendered text
	 * @throws PromptRenderException when a variable is missing in strict mode or the
	 * template is malformed
	 */
	public String render(String template, Map<String, ?> variables) {
		return render(template, variables, TemplateFormat.MUSTACHE);
	}

	/**
	 * Render a template.
	 * @param template the template
	 * @param variables the variables
	 * @param format the template format
	 * @return the rendered text
	 * @throws PromptRenderException when rendering fails or the format is not supported
	 */
	public String render(String template, Map<String, ?> variables, TemplateFormat format) {
		Assert.notNull(template, "'template' must not be null");
		Assert.notNull(variables, "'variables' must not be null");
		Map<String, @Nullable Object> normalized = PromptVariables.normalize(variables);
		return renderContext(template, normalized, format);
	}

	String renderContext(String template, Map<String, Object> context, TemplateFormat format) {
		return switch (format) {
			case NONE -> template;
			case NUNJUCKS -> throw new PromptRenderException(
					"Nunjucks templates are not supported: set the prompt's template format to mustache or none", null,
					null);
			case MUSTACHE -> renderMustache(template, context);
		};
	}

	private String renderMustache(String template, Map<String, Object> context) {
		if (!template.contains("{{")) {
			return template;
		}
		if (!ClassUtils.isPresent(JMUSTACHE, PromptRenderer.class.getClassLoader())) {
			throw new PromptRenderException("Rendering mustache prompt templates needs jmustache: add the dependency "
					+ "com.samskivert:jmustache to the application", null, null);
		}
		return MustacheTemplates.render(template, context, this.strict);
	}

	@Override
	public String toString() {
		return "PromptRenderer[" + (this.strict ? "strict" : "lenient") + "]";
	}

}

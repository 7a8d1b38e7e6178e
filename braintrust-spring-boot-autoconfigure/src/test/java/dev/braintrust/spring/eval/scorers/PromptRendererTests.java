package dev.braintrust.spring.eval.scorers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromptRenderer}.
 */
class PromptRendererTests {

	private static String render(String template, Map<String, ?> variables) {
		Map<String, Object> canonical = new LinkedHashMap<>();
		variables.forEach((key, value) -> canonical.put(key, PyValues.canonical(value)));
		return PromptRenderer.render(PromptRenderer.compile(template), canonical);
	}

	/**
	 * braintrustdata/autoevals py/autoevals/test_llm.py {@code test_render_messages}:
	 * HTML never escaped, dicts rendered with {@code str()} in both brace styles, empty
	 * content stays empty. (Its pydantic-model case has no Java counterpart: a Java
	 * object is rendered as its JSON equivalent, see
	 * {@link #shouldRenderJavaObjectsAsTheirJsonEquivalent()}.)
	 */
	@Test
	void shouldReproduceAutoevalsRenderMessages() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("foo", "bar");
		data.put("num", 42);
		Map<String, Object> variables = Map.of("value", "<b>bold</b>", "data", data);
		assertThat(render("{{value}} and {{{value}}}", variables)).isEqualTo("<b>bold</b> and <b>bold</b>");
		assertThat(render("Dict double braces: {{data}}", variables))
			.isEqualTo("Dict double braces: {'foo': 'bar', 'num': 42}");
		assertThat(render("Dict triple braces: {{{data}}}", variables))
			.isEqualTo("Dict triple braces: {'foo': 'bar', 'num': 42}");
		assertThat(render("", variables)).isEqualTo("");
	}

	@Test
	void shouldRenderLikeChevron() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("choices", List.of("A", "B"));
		variables.put("none", null);
		variables.put("empty", "");
		variables.put("emptyList", List.of());
		variables.put("zero", 0);
		variables.put("zeroFloat", 0.0);
		variables.put("no", false);
		variables.put("quote", "it's \"x\" & <y>");
		assertThat(render("{{choices}}|{{none}}|{{empty}}|{{emptyList}}|{{missing}}|{{zero}}|{{zeroFloat}}|{{no}}",
				variables))
			.isEqualTo("['A', 'B']|||||0|0.0|False");
		assertThat(render("{{quote}}", variables)).isEqualTo("it's \"x\" & <y>");
	}

	record Person(String name, int age) {
	}

	@Test
	void shouldRenderJavaObjectsAsTheirJsonEquivalent() {
		assertThat(render("{{p}}", Map.of("p", new Person("Ada", 36)))).isEqualTo("{'name': 'Ada', 'age': 36}");
	}

}

package dev.braintrust.spring.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PromptRenderer}.
 *
 * @author Braintrust
 */
class PromptRendererTests {

	private final PromptRenderer renderer = PromptRenderer.lenient();

	@Test
	void rendersVariables() {
		assertThat(this.renderer.render("Hello {{name}}, you are {{ age }}.", Map.of("name", "Ada", "age", 36)))
			.isEqualTo("Hello Ada, you are 36.");
	}

	@Test
	void doesNotEscapeHtml() {
		Map<String, Object> variables = Map.of("html", "<b>Tom & \"Jerry\"</b> 'quoted'");
		assertThat(this.renderer.render("{{html}}|{{{html}}}|{{&html}}", variables)).isEqualTo(
				"<b>Tom & \"Jerry\"</b> 'quoted'|<b>Tom & \"Jerry\"</b> 'quoted'|<b>Tom & \"Jerry\"</b> 'quoted'");
	}

	@Test
	void insertsStringsRawAndEverythingElseAsJson() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("text", "say \"hi\"");
		variables.put("count", 3);
		variables.put("ratio", 0.5);
		variables.put("flag", true);
		variables.put("object", Map.of("a", 1));
		variables.put("list", List.of(1, "two", Map.of("three", 3)));
		variables.put("nothing", null);
		assertThat(this.renderer.render("{{text}} {{count}} {{ratio}} {{flag}} {{object}} {{list}} [{{nothing}}]",
				variables))
			.isEqualTo("say \"hi\" 3 0.5 true {\"a\":1} [1,\"two\",{\"three\":3}] []");
	}

	@Test
	void followsDottedNamesIntoNestedObjectsRecordsAndJsonTrees() {
		Map<String, Object> variables = Map.of("user", Map.of("name", "Ada", "address", Map.of("city", "London")),
				"order", new Order("A-1", 12.5), "json",
				JsonMapper.builder().build().readTree("{\"deep\":{\"value\":\"yes\"}}"));
		assertThat(this.renderer.render("{{user.name}} of {{user.address.city}}: {{order.id}} costs {{order.total}}; "
				+ "{{json.deep.value}}; {{order}}", variables))
			.isEqualTo("Ada of London: A-1 costs 12.5; yes; {\"id\":\"A-1\",\"total\":12.5}");
	}

	@Test
	void rendersSectionsAndInvertedSections() {
		String template = "{{#premium}}VIP {{/premium}}{{^premium}}regular {{/premium}}{{#user}}{{name}}{{/user}}";
		assertThat(this.renderer.render(template, Map.of("premium", true, "user", Map.of("name", "Ada"))))
			.isEqualTo("VIP Ada");
		assertThat(this.renderer.render(template, Map.of("premium", false, "user", Map.of("name", "Bob"))))
			.isEqualTo("regular Bob");
	}

	@Test
	void treatsEmptyStringsZeroAndEmptyListsAsFalseLikeJavaScript() {
		String template = "{{#a}}a{{/a}}{{#b}}b{{/b}}{{#c}}c{{/c}}{{^a}}!a{{/a}}{{^b}}!b{{/b}}{{^c}}!c{{/c}}";
		assertThat(this.renderer.render(template, Map.of("a", "", "b", 0, "c", List.of()))).isEqualTo("!a!b!c");
	}

	@Test
	void iteratesLists() {
		Map<String, Object> variables = Map.of("items",
				List.of(Map.of("name", "tea", "qty", 2), Map.of("name", "milk", "qty", 1)), "tags",
				List.of("red", "green"));
		assertThat(
				this.renderer.render("{{#items}}- {{qty}} x {{name}}\n{{/items}}{{#tags}}[{{.}}]{{/tags}}", variables))
			.isEqualTo("- 2 x tea\n- 1 x milk\n[red][green]");
	}

	@Test
	void looksUpMissingNamesInEnclosingContextsNotOnMaps() {
		Map<String, Object> variables = Map.of("greeting", "hi", "users", List.of(Map.of("name", "Ada")), "user",
				Map.of("name", "Bob"));
		assertThat(this.renderer.render("{{#users}}{{greeting}} {{name}}{{/users}}", variables)).isEqualTo("hi Ada");
		assertThat(this.renderer.render("{{#user}}[{{size}}][{{empty}}][{{class}}]{{/user}}", variables))
			.isEqualTo("[][][]");
	}

	@Test
	void rendersMissingVariablesAsEmptyWhenLenient() {
		assertThat(this.renderer.render("Hello {{name}}!{{#missing}}never{{/missing}} {{user.name}}", Map.of()))
			.isEqualTo("Hello ! ");
	}

	@Test
	void failsOnMissingVariablesWhenStrictNamingTheVariable() {
		PromptRenderer strict = PromptRenderer.strict();
		assertThat(strict.render("Hello {{name}} {{nothing}}", mapWithNull("name", "Ada", "nothing")))
			.isEqualTo("Hello Ada ");
		assertThatExceptionOfType(PromptRenderException.class)
			.isThrownBy(() -> strict.render("Hello\n{{customer}}", Map.of("name", "Ada")))
			.withMessage("Template rendering failed: Could not find key 'customer' (line 2)")
			.satisfies((ex) -> assertThat(ex.getVariable()).isEqualTo("customer"));
		assertThatExceptionOfType(PromptRenderException.class)
			.isThrownBy(() -> strict.render("{{#vip}}yes{{/vip}}", Map.of()))
			.satisfies((ex) -> assertThat(ex.getVariable()).isEqualTo("vip"));
	}

	@Test
	void leavesTextAsItIsWithTemplateFormatNone() {
		assertThat(this.renderer.render("{{name}} {{#x}}", Map.of("name", "Ada"), TemplateFormat.NONE))
			.isEqualTo("{{name}} {{#x}}");
	}

	@Test
	void rejectsNunjucksWithAClearMessage() {
		assertThatExceptionOfType(PromptRenderException.class)
			.isThrownBy(() -> this.renderer.render("{{ name }}", Map.of(), TemplateFormat.NUNJUCKS))
			.withMessageContaining("Nunjucks templates are not supported");
	}

	@Test
	void reportsMalformedTemplates() {
		assertThatExceptionOfType(PromptRenderException.class)
			.isThrownBy(() -> this.renderer.render("{{#open}} never closed", Map.of()))
			.withMessageStartingWith("Template rendering failed: ");
	}

	private static Map<String, Object> mapWithNull(String key, Object value, String nullKey) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, value);
		map.put(nullKey, null);
		return map;
	}

	record Order(String id, double total) {
	}

}

package dev.braintrust.spring.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResourcePromptLoader}.
 *
 * @author Braintrust
 */
class ResourcePromptLoaderTests {

	@TempDir
	Path directory;

	@Test
	void loadsAPromptObjectNamedAfterItsSlug() throws IOException {
		write("answer-question.json", PromptFixtures.chat("42"));
		BraintrustPrompt prompt = loader().load(PromptRequest.slug("answer-question").project("Support").build())
			.orElseThrow();
		assertThat(prompt.id()).isEqualTo(PromptFixtures.PROMPT_ID);
		assertThat(prompt.version()).isEqualTo("42");
	}

	@Test
	void prefersTheProjectsDirectory() throws IOException {
		write("answer-question.json", PromptFixtures.chat("1"));
		write("Support/answer-question.json", PromptFixtures.chat("2"));
		write(PromptFixtures.PROJECT_ID + "/answer-question.json", PromptFixtures.chat("3"));
		ResourcePromptLoader loader = loader();
		assertThat(
				loader.load(PromptRequest.slug("answer-question").project("Support").build()).orElseThrow().version())
			.isEqualTo("2");
		assertThat(loader.load(PromptRequest.slug("answer-question").projectId(PromptFixtures.PROJECT_ID).build())
			.orElseThrow()
			.version()).isEqualTo("3");
		assertThat(loader.load(PromptRequest.slug("answer-question").project("Other").build()).orElseThrow().version())
			.isEqualTo("1");
	}

	@Test
	void aHandWrittenResourceNeedsNoIds() throws IOException {
		write("greeting.json", """
				{"prompt_data":{"prompt":{"type":"chat","messages":[{"role":"user","content":"Hello {{name}}"}]},
				 "options":{"model":"gpt-4o-mini"}}}
				""");
		BraintrustPrompt prompt = loader().load(PromptRequest.slug("greeting").project("p").build()).orElseThrow();
		assertThat(prompt.slug()).isEqualTo("greeting");
		assertThat(prompt.id()).isNull();
		assertThat(prompt.version()).hasSize(16);
		assertThat(prompt.build(Map.of("name", "Ada")).messages().get(0)).containsEntry("content", "Hello Ada");
	}

	@Test
	void acceptsASavedListResponse() throws IOException {
		write("answer-question.json", "{\"objects\":[" + PromptFixtures.chat("9") + "]}");
		assertThat(loader().load(PromptRequest.slug("answer-question").project("p").build())).isPresent();
	}

	@Test
	void aPinnedVersionMatchesOnlyThatVersion() throws IOException {
		write("answer-question.json", PromptFixtures.chat("42"));
		ResourcePromptLoader loader = loader();
		assertThat(loader.load(PromptRequest.slug("answer-question").project("p").version("42").build())).isPresent();
		assertThat(loader.load(PromptRequest.slug("answer-question").project("p").version("41").build())).isEmpty();
		assertThat(loader.load(PromptRequest.slug("answer-question").project("p").environment("production").build()))
			.isPresent();
	}

	@Test
	void findsPromptsById() throws IOException {
		write("nested/deeper/answer-question.json", PromptFixtures.chat("42"));
		write("other.json", "{\"slug\":\"other\",\"id\":\"other-id\"}");
		ResourcePromptLoader loader = loader();
		assertThat(loader.load(PromptRequest.id(PromptFixtures.PROMPT_ID).build()).orElseThrow().slug())
			.isEqualTo("answer-question");
		assertThat(loader.load(PromptRequest.id("missing").build())).isEmpty();
	}

	@Test
	void findsPromptsByIdOnTheClasspath() {
		ResourcePromptLoader loader = new ResourcePromptLoader(new DefaultResourceLoader(),
				"classpath:dev/braintrust/spring/prompt/resources");
		assertThat(loader.load(PromptRequest.id("11111111-2222-4333-8444-555555555555").build()).orElseThrow().slug())
			.isEqualTo("classpath-prompt");
		assertThat(loader.load(PromptRequest.slug("classpath-prompt").project("any").build())).isPresent();
	}

	@Test
	void missingPromptsAndUnsafeNamesAreNotFound() {
		ResourcePromptLoader loader = loader();
		assertThat(loader.load(PromptRequest.slug("nothing").project("p").build())).isEmpty();
		assertThat(loader.load(PromptRequest.slug("../secrets").project("p").build())).isEmpty();
		assertThat(loader.load(PromptRequest.slug("x").project("..").build())).isEmpty();
	}

	@Test
	void anInvalidResourceIsAClearError() throws IOException {
		write("broken.json", "{\"slug\": ");
		write("no-template.json", "{\"prompt_data\":{\"template_format\":\"jinja\"}}");
		ResourcePromptLoader loader = loader();
		assertThatExceptionOfType(PromptLoadException.class)
			.isThrownBy(() -> loader.load(PromptRequest.slug("broken").project("p").build()))
			.withMessageContaining("broken.json")
			.withMessageContaining("is not valid JSON");
		assertThatExceptionOfType(PromptLoadException.class)
			.isThrownBy(() -> loader.load(PromptRequest.slug("no-template").project("p").build()))
			.withMessageContaining("no-template.json")
			.withMessageContaining("is not a valid prompt: Prompt 'no-template' is not valid: Unknown template_format");
	}

	private ResourcePromptLoader loader() {
		return new ResourcePromptLoader(new DefaultResourceLoader(), this.directory.toUri().toString());
	}

	private void write(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}

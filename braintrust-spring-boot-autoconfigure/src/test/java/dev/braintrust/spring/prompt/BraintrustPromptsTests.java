package dev.braintrust.spring.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BraintrustPrompts}: sources, the cache and its fallbacks. The remote
 * source here is a scripted {@link PromptLoader}; the HTTP loader is tested against the
 * fake Braintrust server.
 *
 * @author Braintrust
 */
@ExtendWith(OutputCaptureExtension.class)
class BraintrustPromptsTests {

	@TempDir
	Path resources;

	@TempDir
	Path cacheDirectory;

	private final ScriptedSource source = new ScriptedSource();

	private final MutableClock clock = new MutableClock();

	@Test
	void withoutBraintrustResourcesAreTheSource() throws IOException {
		write("answer-question.json", PromptFixtures.chat("42"));
		BraintrustPrompts prompts = builder().remote(null).project("Support", null).build();
		assertThat(prompts.load("answer-question").version()).isEqualTo("42");
		assertThatExceptionOfType(PromptNotFoundException.class).isThrownBy(() -> prompts.load("unknown"))
			.withMessage("The prompt 'unknown' (project 'Support', latest version) was not found in the prompt "
					+ "resources at " + this.resources.toUri() + " (set an API key to load prompts from Braintrust)");
	}

	@Test
	void requestsWithoutProjectUseTheConfiguredOne() {
		this.source.answer(PromptFixtures.chat("42"));
		builder().project("Support", null).build().load("answer-question");
		builder().project("Support", "p-1").build().load("answer-question");
		assertThat(this.source.requests).extracting(PromptRequest::projectName).containsExactly("Support", "Support");
		assertThat(this.source.requests).extracting(PromptRequest::projectId).containsExactly(null, "p-1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().build().load("answer-question"))
			.withMessage("No project for prompt 'answer-question': name one in the request, or set "
					+ "braintrust.prompts.project or braintrust.project");
		builder().build().loadById(PromptFixtures.PROMPT_ID);
		assertThat(this.source.requests.get(2).id()).isEqualTo(PromptFixtures.PROMPT_ID);
	}

	@Test
	void versionAndEnvironmentTogetherAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptRequest.slug("answer-question").version("1").environment("production").build())
			.withMessage("Load prompt 'answer-question' at a version or from an environment, not both "
					+ "(version '1', environment 'production')");
	}

	@Test
	void defaultVariablesAndStrictnessApplyToLoadedPrompts() {
		this.source.answer(PromptFixtures.chat("42"));
		BraintrustPrompts prompts = builder().strict(true).build();
		BraintrustPrompt prompt = prompts.load(PromptRequest.slug("answer-question")
			.project("Support")
			.defaults(Map.of("shop", "Tea", "customer", Map.of("name", "Ada")))
			.build());
		assertThat(prompt.renderer().isStrict()).isTrue();
		assertThat(prompt.build(Map.of("question", "Hi?")).messages().get(1)).containsEntry("content",
				"Customer Ada asks: Hi?");
		assertThatExceptionOfType(PromptRenderException.class).isThrownBy(prompt::build)
			.satisfies((ex) -> assertThat(ex.getVariable()).isEqualTo("question"));
	}

	@Test
	void latestVersionIsAskedForEveryTimeByDefault() {
		this.source.answer(PromptFixtures.chat("1"));
		BraintrustPrompts prompts = builder().build();
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("1");
		this.source.answer(PromptFixtures.chat("2"));
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("2");
		assertThat(this.source.requests).hasSize(2);
	}

	@Test
	void withATimeToLiveRecentPromptsAreNotAskedForAgain() {
		this.source.answer(PromptFixtures.chat("1"));
		BraintrustPrompts prompts = builder().ttl(Duration.ofMinutes(1)).build();
		prompts.load("Support", "answer-question");
		this.source.answer(PromptFixtures.chat("2"));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("1");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("2");
		assertThat(this.source.requests).hasSize(2);
	}

	@Test
	void aPinnedVersionOnceLoadedIsServedFromTheCache() {
		this.source.answer(PromptFixtures.chat("42"));
		BraintrustPrompts prompts = builder().build();
		prompts.load("Support", "answer-question");
		this.source.fail("GET /v1/prompt could not reach http://127.0.0.1:1 (ConnectException)");
		assertThat(
				prompts.load(PromptRequest.slug("answer-question").project("Support").version("42").build()).version())
			.isEqualTo("42");
		assertThat(prompts.load(PromptRequest.id(PromptFixtures.PROMPT_ID).version("42").build()).version())
			.isEqualTo("42");
		assertThat(this.source.requests).hasSize(1);
	}

	@Test
	void whenBraintrustFailsTheCachedPromptIsUsedWithOneWarning(CapturedOutput output) {
		this.source.answer(PromptFixtures.chat("42"));
		BraintrustPrompts prompts = builder().build();
		prompts.load("Support", "answer-question");
		this.source.fail("GET /v1/prompt answered 503: down for maintenance");
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("42");
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("42");
		assertThat(output.getOut().split("Braintrust cannot be used", -1)).hasSize(2);
		assertThat(output).contains("GET /v1/prompt answered 503: down for maintenance")
			.contains("using the cached prompt 'answer-question' (project 'Support', latest version) at version 42");
		this.source.answer(PromptFixtures.chat("43"));
		assertThat(prompts.load("Support", "answer-question").version()).isEqualTo("43");
		assertThat(output).contains(
				"Loaded the prompt 'answer-question' (project 'Support', latest version) " + "from Braintrust again");
	}

	@Test
	void theDiskCacheServesPromptsAfterARestartWhileBraintrustIsDown() {
		this.source.answer(PromptFixtures.chat("42"));
		PromptCache disk = new PromptCache(10, this.cacheDirectory, 10);
		builder().cache(disk)
			.build()
			.load(PromptRequest.slug("answer-question").project("Support").environment("production").build());
		this.source.fail("GET /v1/prompt could not reach http://127.0.0.1:1 (ConnectException)");
		BraintrustPrompts restarted = builder().cache(new PromptCache(10, this.cacheDirectory, 10)).build();
		assertThat(restarted
			.load(PromptRequest.slug("answer-question").project("Support").environment("production").build())
			.version()).isEqualTo("42");
		assertThatExceptionOfType(PromptUnavailableException.class)
			.isThrownBy(() -> restarted.load(PromptRequest.slug("answer-question").project("Support").build()));
	}

	@Test
	void neitherReachableNorCachedIsAClearError() {
		this.source.fail("GET /v1/prompt could not reach http://127.0.0.1:1 (ConnectException: Connection refused)");
		BraintrustPrompts prompts = builder().cache(new PromptCache(10, this.cacheDirectory, 10)).build();
		assertThatExceptionOfType(PromptUnavailableException.class)
			.isThrownBy(
					() -> prompts.load(PromptRequest.slug("answer-question").project("Support").version("7").build()))
			.withMessage("The prompt 'answer-question' (project 'Support', version '7') cannot be loaded: Braintrust "
					+ "cannot be used (GET /v1/prompt could not reach http://127.0.0.1:1 (ConnectException: Connection "
					+ "refused)) and the prompt is not in the prompt cache (" + this.cacheDirectory.toAbsolutePath()
					+ ") nor in the prompt resources at " + this.resources.toUri())
			.withCauseInstanceOf(PromptLoadException.class);
	}

	@Test
	void resourcesStandInWhenBraintrustFailsAndNothingIsCached(CapturedOutput output) throws IOException {
		write("answer-question.json", PromptFixtures.chat("5"));
		this.source.fail("GET /v1/prompt answered 500");
		assertThat(builder().build().load("Support", "answer-question").version()).isEqualTo("5");
		assertThat(output).contains("is not cached; using the prompt resource at " + this.resources.toUri());
		assertThatExceptionOfType(PromptUnavailableException.class)
			.isThrownBy(() -> builder().resourcesAsFallback(false).build().load("Support", "answer-question"))
			.withMessageEndingWith("and the prompt is not in the prompt cache");
	}

	@Test
	void aPromptBraintrustDoesNotHaveIsNotServedFromTheCache() throws IOException {
		this.source.answer(PromptFixtures.chat("42"));
		BraintrustPrompts prompts = builder().resourcesAsFallback(false).build();
		prompts.load("Support", "answer-question");
		this.source.answerNothing();
		assertThatExceptionOfType(PromptNotFoundException.class)
			.isThrownBy(() -> prompts.load("Support", "answer-question"))
			.withMessage(
					"The prompt 'answer-question' (project 'Support', latest version) was not found in Braintrust");
		write("answer-question.json", PromptFixtures.chat("5"));
		assertThat(builder().build().load("Support", "answer-question").version()).isEqualTo("5");
		assertThatExceptionOfType(PromptNotFoundException.class)
			.isThrownBy(() -> builder().build().load(PromptRequest.id("nope").environment("staging").build()))
			.withMessage("The prompt with id 'nope' (environment 'staging') was not found in Braintrust nor in the "
					+ "prompt resources at " + this.resources.toUri());
	}

	private BraintrustPrompts.Builder builder() {
		return BraintrustPrompts.builder()
			.remote(this.source)
			.resources(new ResourcePromptLoader(new DefaultResourceLoader(), this.resources.toUri().toString()))
			.clock(this.clock);
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.resources.resolve(name), content);
	}

	/**
	 * A source whose next answer each test sets: a prompt, nothing, or a failure.
	 */
	static final class ScriptedSource implements PromptLoader {

		final List<PromptRequest> requests = new CopyOnWriteArrayList<>();

		private volatile Optional<String> prompt = Optional.empty();

		private volatile String failure = "";

		void answer(String json) {
			this.prompt = Optional.of(json);
			this.failure = "";
		}

		void answerNothing() {
			this.prompt = Optional.empty();
			this.failure = "";
		}

		void fail(String failure) {
			this.failure = failure;
		}

		@Override
		public Optional<BraintrustPrompt> load(PromptRequest request) {
			this.requests.add(request);
			if (!this.failure.isEmpty()) {
				throw new PromptLoadException(this.failure, null);
			}
			return this.prompt.map(BraintrustPrompt::fromJson);
		}

	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-05-01T10:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

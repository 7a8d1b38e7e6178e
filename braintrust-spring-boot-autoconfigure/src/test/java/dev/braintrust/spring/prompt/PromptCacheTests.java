package dev.braintrust.spring.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromptCache}.
 *
 * @author Braintrust
 */
class PromptCacheTests {

	private static final Instant LOADED = Instant.parse("2026-05-01T10:00:00Z");

	@TempDir
	Path directory;

	@Test
	void memoryKeepsTheMostRecentlyUsedEntries() {
		PromptCache cache = new PromptCache(2, null, 1);
		cache.put("a", prompt("1"), LOADED);
		cache.put("b", prompt("2"), LOADED);
		assertThat(cache.get("a")).isNotNull();
		cache.put("c", prompt("3"), LOADED);
		assertThat(cache.get("b")).isNull();
		assertThat(cache.get("a").prompt().version()).isEqualTo("1");
		assertThat(cache.get("c").prompt().version()).isEqualTo("3");
	}

	@Test
	void diskEntriesSurviveARestart() {
		new PromptCache(10, this.directory, 10).put("key", prompt("42"), LOADED);
		PromptCache restarted = new PromptCache(10, this.directory, 10);
		assertThat(restarted.getFromMemory("key")).isNull();
		PromptCache.CachedPrompt cached = restarted.get("key");
		assertThat(cached).isNotNull();
		assertThat(cached.prompt().version()).isEqualTo("42");
		assertThat(cached.prompt().toJson()).isEqualTo(prompt("42").toJson());
		assertThat(cached.storedAt()).isEqualTo(LOADED);
		assertThat(restarted.getFromMemory("key")).isNotNull();
	}

	@Test
	void diskKeepsAtMostItsLimitDroppingTheLeastRecentlyUsed() throws IOException {
		PromptCache cache = new PromptCache(10, this.directory, 2);
		cache.put("old", prompt("1"), LOADED);
		cache.put("newer", prompt("2"), LOADED);
		Files.setLastModifiedTime(this.directory.resolve(PromptCache.fileName("old")),
				FileTime.from(Instant.now().minusSeconds(3600)));
		cache.put("newest", prompt("3"), LOADED);
		assertThat(jsonFiles()).containsExactlyInAnyOrder(PromptCache.fileName("newer"),
				PromptCache.fileName("newest"));
	}

	@Test
	void unreadableOrForeignFilesAreMisses() throws IOException {
		Files.writeString(this.directory.resolve(PromptCache.fileName("corrupt")), "{not json");
		new PromptCache(10, this.directory, 10).put("other", prompt("1"), LOADED);
		Files.copy(this.directory.resolve(PromptCache.fileName("other")),
				this.directory.resolve(PromptCache.fileName("stolen")));
		PromptCache cache = new PromptCache(10, this.directory, 10);
		assertThat(cache.get("corrupt")).isNull();
		assertThat(cache.get("stolen")).isNull();
		assertThat(cache.get("other")).isNotNull();
	}

	@Test
	void aDirectoryThatCannotBeWrittenLeavesTheMemoryCacheWorking() throws IOException {
		Path notADirectory = Files.writeString(this.directory.resolve("file"), "x");
		PromptCache cache = new PromptCache(10, notADirectory, 10);
		cache.put("key", prompt("1"), LOADED);
		assertThat(cache.get("key")).isNotNull();
	}

	@Test
	void writesLeaveNoTemporaryFiles() throws IOException {
		PromptCache cache = new PromptCache(10, this.directory, 10);
		cache.put("key", prompt("1"), LOADED);
		cache.put("key", prompt("2"), LOADED);
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly(PromptCache.fileName("key"));
		}
		assertThat(new PromptCache(10, this.directory, 10).get("key").prompt().version()).isEqualTo("2");
	}

	private Stream<String> jsonFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString()).toList().stream();
		}
	}

	private static BraintrustPrompt prompt(String version) {
		return BraintrustPrompt.fromJson(PromptFixtures.chat(version));
	}

}

package dev.braintrust.spring.prompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Prompts loaded from Braintrust, kept so they keep working while Braintrust is
 * unreachable: a least-recently-used cache in memory and, optionally, one file per entry
 * in a directory, which survives restarts. Entries are keyed by
 * {@link PromptRequest#cacheKey()}. Disk failures are logged and never thrown: the cache
 * is a fallback, not a source of errors.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class PromptCache {

	private static final Log logger = LogFactory.getLog(PromptCache.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, CachedPrompt> memory;

	private final @Nullable Path directory;

	private final int diskMaxEntries;

	private volatile boolean diskWarned;

	/**
	 * Create a cache.
	 * @param memoryMaxEntries the most entries kept in memory
	 * @param directory the directory of the disk cache, or null for none
	 * @param diskMaxEntries the most entries kept on disk; the least recently used go
	 * first
	 */
	public PromptCache(int memoryMaxEntries, @Nullable Path directory, int diskMaxEntries) {
		Assert.isTrue(memoryMaxEntries > 0, "'memoryMaxEntries' must be positive");
		Assert.isTrue(diskMaxEntries > 0, "'diskMaxEntries' must be positive");
		this.memory = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, CachedPrompt> eldest) {
				return size() > memoryMaxEntries;
			}

		};
		this.directory = (directory != null) ? directory.toAbsolutePath() : null;
		this.diskMaxEntries = diskMaxEntries;
	}

	/**
	 * The directory of the disk cache.
	 * @return the directory, or null when there is no disk cache
	 */
	public @Nullable Path directory() {
		return this.directory;
	}

	/**
	 * The entry in memory.
	 * @param key the key
	 * @return the entry or null
	 */
	public @Nullable CachedPrompt getFromMemory(String key) {
		synchronized (this.memory) {
			return this.memory.get(key);
		}
	}

	/**
	 * The entry in memory, or else on disk (which then goes into memory too).
	 * @param key the key
	 * @return the entry or null
	 */
	public @Nullable CachedPrompt get(String key) {
		CachedPrompt cached = getFromMemory(key);
		if (cached != null) {
			return cached;
		}
		cached = readFromDisk(key);
		if (cached != null) {
			synchronized (this.memory) {
				this.memory.putIfAbsent(key, cached);
			}
		}
		return cached;
	}

	/**
	 * Keep a prompt, in memory and on disk.
	 * @param key the key
	 * @param prompt the prompt
	 * @param storedAt when it was loaded
	 */
	public void put(String key, BraintrustPrompt prompt, Instant storedAt) {
		CachedPrompt cached = new CachedPrompt(prompt, storedAt);
		synchronized (this.memory) {
			this.memory.put(key, cached);
		}
		writeToDisk(key, cached);
	}

	private @Nullable CachedPrompt readFromDisk(String key) {
		if (this.directory == null) {
			return null;
		}
		Path file = this.directory.resolve(fileName(key));
		try {
			JsonNode entry = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
			if (!key.equals(entry.path("key").asString(null))) {
				return null;
			}
			CachedPrompt cached = new CachedPrompt(BraintrustPrompt.fromJson(entry.get("prompt")),
					Instant.parse(entry.path("stored_at").asString()));
			Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
			return cached;
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignoring unreadable prompt cache file " + file + ": " + ex.getMessage());
			return null;
		}
	}

	private void writeToDisk(String key, CachedPrompt cached) {
		if (this.directory == null) {
			return;
		}
		Path file = this.directory.resolve(fileName(key));
		try {
			Files.createDirectories(this.directory);
			ObjectNode entry = JSON.createObjectNode();
			entry.put("key", key);
			entry.put("stored_at", cached.storedAt().toString());
			entry.set("prompt", cached.prompt().json());
			Path temporary = Files.createTempFile(this.directory, ".prompt-", ".tmp");
			try {
				Files.writeString(temporary, JSON.writeValueAsString(entry), StandardCharsets.UTF_8);
				move(temporary, file);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			evict();
			this.diskWarned = false;
		}
		catch (IOException | RuntimeException ex) {
			if (!this.diskWarned) {
				this.diskWarned = true;
				logger.warn("Cannot write to the prompt cache in " + this.directory
						+ "; prompts are cached in memory only until this works again: " + ex);
			}
		}
	}

	private void evict() throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> list = Files.list(this.directory)) {
			list.filter((path) -> path.getFileName().toString().endsWith(".json")).forEach(files::add);
		}
		if (files.size() <= this.diskMaxEntries) {
			return;
		}
		files.sort(Comparator.comparing(PromptCache::lastModified));
		for (Path file : files.subList(0, files.size() - this.diskMaxEntries)) {
			Files.deleteIfExists(file);
		}
	}

	private static FileTime lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	static String fileName(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest) + ".json";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "PromptCache[directory=" + this.directory + "]";
	}

	/**
	 * A cached prompt.
	 *
	 * @param prompt the prompt
	 * @param storedAt when it was loaded from Braintrust
	 */
	public record CachedPrompt(BraintrustPrompt prompt, Instant storedAt) {
	}

}

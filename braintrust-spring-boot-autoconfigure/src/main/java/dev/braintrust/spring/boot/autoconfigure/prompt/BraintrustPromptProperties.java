package dev.braintrust.spring.boot.autoconfigure.prompt;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for Braintrust prompts.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@ConfigurationProperties("braintrust.prompts")
public class BraintrustPromptProperties {

	/**
	 * Whether to enable loading Braintrust prompts.
	 */
	private boolean enabled = true;

	/**
	 * Name of the project prompts are loaded from when a request names none. Defaults to
	 * 'braintrust.project-id', then 'braintrust.project', then 'spring.application.name'.
	 */
	private @Nullable String project;

	/**
	 * Whether building a prompt fails when a template uses a variable that is not set,
	 * instead of rendering it as an empty string.
	 */
	private boolean strict;

	/**
	 * Timeout of a request to Braintrust's prompt API, connecting included. A bare number
	 * is read as seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Cache of prompts loaded from Braintrust.
	 */
	private final Cache cache = new Cache();

	/**
	 * Prompts defined as resources.
	 */
	private final Resources resources = new Resources();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public boolean isStrict() {
		return this.strict;
	}

	public void setStrict(boolean strict) {
		this.strict = strict;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Resources getResources() {
		return this.resources;
	}

	/**
	 * Cache properties.
	 */
	public static class Cache {

		/**
		 * How long a prompt loaded without a pinned version is used before Braintrust is
		 * asked again. Zero asks every time, as Braintrust's SDKs do.
		 */
		private Duration ttl = Duration.ZERO;

		/**
		 * In-memory cache.
		 */
		private final Memory memory = new Memory();

		/**
		 * Disk cache, which keeps prompts across restarts.
		 */
		private final Disk disk = new Disk();

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Memory getMemory() {
			return this.memory;
		}

		public Disk getDisk() {
			return this.disk;
		}

		/**
		 * In-memory cache properties.
		 */
		public static class Memory {

			/**
			 * Maximum number of prompts kept in memory; the least recently used go first.
			 */
			private int maxEntries = 1024;

			public int getMaxEntries() {
				return this.maxEntries;
			}

			public void setMaxEntries(int maxEntries) {
				this.maxEntries = maxEntries;
			}

		}

		/**
		 * Disk cache properties.
		 */
		public static class Disk {

			/**
			 * Whether prompts loaded from Braintrust are also kept on disk.
			 */
			private boolean enabled = true;

			/**
			 * Directory of the disk cache. Defaults to 'prompt-cache' in the directory of
			 * the local store ('braintrust.local.directory').
			 */
			private @Nullable Path directory;

			/**
			 * Maximum number of prompts kept on disk; the least recently used go first.
			 */
			private int maxEntries = 1024;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable Path getDirectory() {
				return this.directory;
			}

			public void setDirectory(@Nullable Path directory) {
				this.directory = directory;
			}

			public int getMaxEntries() {
				return this.maxEntries;
			}

			public void setMaxEntries(int maxEntries) {
				this.maxEntries = maxEntries;
			}

		}

	}

	/**
	 * Prompt resources properties.
	 */
	public static class Resources {

		/**
		 * Directory of prompt resources, JSON files in the shape of Braintrust's prompt
		 * objects named '<slug>.json' (optionally in a subdirectory named after the
		 * project).
		 */
		private String location = "classpath:braintrust/prompts/";

		/**
		 * Whether, with an API key, prompt resources stand in for prompts that Braintrust
		 * does not have or cannot serve and that are not cached.
		 */
		private boolean fallback = true;

		public String getLocation() {
			return this.location;
		}

		public void setLocation(String location) {
			this.location = location;
		}

		public boolean isFallback() {
			return this.fallback;
		}

		public void setFallback(boolean fallback) {
			this.fallback = fallback;
		}

	}

}

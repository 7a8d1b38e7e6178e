package dev.braintrust.spring.prompt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Loads Braintrust prompts, like the SDKs' {@code load_prompt}: from Braintrust when an
 * API key is configured, from prompt resources otherwise.
 *
 * <pre class="code">
 * BraintrustPrompt prompt = prompts.load("answer-question");
 * BuiltPrompt built = prompt.build(Map.of("question", question));
 * String answer = chatClient.prompt(SpringAiPrompts.toPrompt(built)).call().content();
 * </pre>
 *
 * With Braintrust as the source, every prompt loaded is kept in a {@link PromptCache},
 * and when Braintrust cannot be reached (or answers with an error) the last version
 * loaded for the same request is used instead, then the prompt resources if they are a
 * fallback. A pinned version never changes, so a cached one is used without asking
 * Braintrust at all. A prompt that Braintrust says does not exist is never served from
 * the cache.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustPrompts {

	private static final Log logger = LogFactory.getLog(BraintrustPrompts.class);

	private final @Nullable PromptLoader remote;

	private final @Nullable ResourcePromptLoader resources;

	private final boolean resourcesAsFallback;

	private final PromptCache cache;

	private final @Nullable String projectName;

	private final @Nullable String projectId;

	private final PromptRenderer renderer;

	private final Duration ttl;

	private final Clock clock;

	private final Set<String> degraded = ConcurrentHashMap.newKeySet();

	BraintrustPrompts(Builder builder) {
		this.remote = builder.remote;
		this.resources = builder.resources;
		this.resourcesAsFallback = builder.resourcesAsFallback;
		this.cache = builder.cache;
		this.projectName = builder.projectName;
		this.projectId = builder.projectId;
		this.renderer = builder.renderer;
		this.ttl = builder.ttl;
		this.clock = builder.clock;
	}

	/**
	 * A new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Load the latest version of a prompt of the configured project.
	 * @param slug the prompt's slug
	 * @return the prompt
	 * @throws PromptNotFoundException when there is no such prompt
	 * @throws PromptUnavailableException when Braintrust cannot be reached and the prompt
	 * is not cached
	 */
	public BraintrustPrompt load(String slug) {
		return load(PromptRequest.slug(slug).build());
	}

	/**
	 * Load the latest version of a prompt.
	 * @param project the project name
	 * @param slug the prompt's slug
	 * @return the prompt
	 * @throws PromptNotFoundException when there is no such prompt
	 * @throws PromptUnavailableException when Braintrust cannot be reached and the prompt
	 * is not cached
	 */
	public BraintrustPrompt load(String project, String slug) {
		return load(PromptRequest.slug(slug).project(project).build());
	}

	/**
	 * Load a prompt by id.
	 * @param id the prompt's id
	 * @return the prompt
	 * @throws PromptNotFoundException when there is no such prompt
	 * @throws PromptUnavailableException when Braintrust cannot be reached and the prompt
	 * is not cached
	 */
	public BraintrustPrompt loadById(String id) {
		return load(PromptRequest.id(id).build());
	}

	/**
	 * Load a prompt.
	 * @param request which prompt; without a project, the configured one
	 * @return the prompt, with the request's default variables
	 * @throws PromptNotFoundException when there is no such prompt
	 * @throws PromptUnavailableException when Braintrust cannot be reached and the prompt
	 * is not cached
	 * @throws PromptLoadException when a prompt resource cannot be read
	 */
	public BraintrustPrompt load(PromptRequest request) {
		Assert.notNull(request, "'request' must not be null");
		PromptRequest resolved = request.inProject(this.projectName, this.projectId);
		if (resolved.id() == null && !resolved.hasProject()) {
			throw new IllegalArgumentException("No project for prompt '" + resolved.slug()
					+ "': name one in the request, or set braintrust.prompts.project or braintrust.project");
		}
		BraintrustPrompt prompt = (this.remote != null) ? loadRemote(this.remote, resolved) : loadLocal(resolved);
		prompt = prompt.withRenderer(this.renderer);
		return resolved.defaults().isEmpty() ? prompt : prompt.withDefaults(resolved.defaults());
	}

	/**
	 * The cache of prompts loaded from Braintrust.
	 * @return the cache
	 */
	public PromptCache cache() {
		return this.cache;
	}

	private BraintrustPrompt loadLocal(PromptRequest request) {
		Optional<BraintrustPrompt> prompt = (this.resources != null) ? this.resources.load(request) : Optional.empty();
		return prompt.orElseThrow(() -> new PromptNotFoundException("The " + request.describe() + " was not found "
				+ ((this.resources != null)
						? "in the prompt resources at " + this.resources.location()
								+ " (set an API key to load prompts from Braintrust)"
						: "(no prompt source is configured)")));
	}

	private BraintrustPrompt loadRemote(PromptLoader remote, PromptRequest request) {
		String key = request.cacheKey();
		if (request.version() != null) {
			PromptCache.CachedPrompt pinned = this.cache.get(key);
			if (pinned != null) {
				return pinned.prompt();
			}
		}
		else if (!this.ttl.isZero()) {
			PromptCache.CachedPrompt recent = this.cache.getFromMemory(key);
			if (recent != null && recent.storedAt().plus(this.ttl).isAfter(this.clock.instant())) {
				return recent.prompt();
			}
		}
		Optional<BraintrustPrompt> found;
		try {
			found = remote.load(request);
		}
		catch (PromptLoadException ex) {
			return fallback(request, key, ex);
		}
		if (found.isPresent()) {
			store(request, found.get());
			if (this.degraded.remove(key)) {
				logger.info("Loaded the " + request.describe() + " from Braintrust again");
			}
			return found.get();
		}
		Optional<BraintrustPrompt> resource = fallbackResource(request);
		if (resource.isPresent()) {
			logger.info("The " + request.describe() + " is not in Braintrust; using the prompt resource at "
					+ this.resources.location());
			return resource.get();
		}
		throw new PromptNotFoundException("The " + request.describe() + " was not found in Braintrust"
				+ ((this.resourcesAsFallback && this.resources != null)
						? " nor in the prompt resources at " + this.resources.location() : ""));
	}

	private BraintrustPrompt fallback(PromptRequest request, String key, PromptLoadException failure) {
		PromptCache.CachedPrompt cached = this.cache.get(key);
		if (cached != null) {
			warnOnce(key,
					"Braintrust cannot be used (" + failure.getMessage() + "); using the cached " + request.describe()
							+ " at version " + cached.prompt().version() + ", loaded at " + cached.storedAt());
			return cached.prompt();
		}
		Optional<BraintrustPrompt> resource = fallbackResource(request);
		if (resource.isPresent()) {
			warnOnce(key, "Braintrust cannot be used (" + failure.getMessage() + ") and the " + request.describe()
					+ " is not cached; using the prompt resource at " + this.resources.location());
			return resource.get();
		}
		StringBuilder message = new StringBuilder("The ").append(request.describe())
			.append(" cannot be loaded: Braintrust cannot be used (")
			.append(failure.getMessage())
			.append(") and the prompt is not in the prompt cache");
		if (this.cache.directory() != null) {
			message.append(" (").append(this.cache.directory()).append(")");
		}
		if (this.resourcesAsFallback && this.resources != null) {
			message.append(" nor in the prompt resources at ").append(this.resources.location());
		}
		throw new PromptUnavailableException(message.toString(), failure);
	}

	private Optional<BraintrustPrompt> fallbackResource(PromptRequest request) {
		return (this.resourcesAsFallback && this.resources != null) ? this.resources.load(request) : Optional.empty();
	}

	private void store(PromptRequest request, BraintrustPrompt prompt) {
		Instant now = this.clock.instant();
		this.cache.put(request.cacheKey(), prompt, now);
		// the same version, asked for by version or by id later, is then a cache hit too
		this.cache.put(request.atVersion(prompt.version()).cacheKey(), prompt, now);
		if (prompt.id() != null && request.id() == null) {
			this.cache.put(PromptRequest.id(prompt.id()).version(prompt.version()).build().cacheKey(), prompt, now);
		}
	}

	private void warnOnce(String key, String message) {
		if (this.degraded.add(key)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	@Override
	public String toString() {
		return "BraintrustPrompts[source=" + ((this.remote != null) ? this.remote : this.resources) + "]";
	}

	/**
	 * Builds {@link BraintrustPrompts}.
	 */
	public static final class Builder {

		private @Nullable PromptLoader remote;

		private @Nullable ResourcePromptLoader resources;

		private boolean resourcesAsFallback = true;

		private PromptCache cache = new PromptCache(1024, null, 1);

		private @Nullable String projectName;

		private @Nullable String projectId;

		private PromptRenderer renderer = PromptRenderer.lenient();

		private Duration ttl = Duration.ZERO;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Load prompts from Braintrust.
		 * @param remote the loader, usually an {@link HttpPromptLoader}; null to load
		 * from resources only
		 * @return this builder
		 */
		public Builder remote(@Nullable PromptLoader remote) {
			this.remote = remote;
			return this;
		}

		/**
		 * Load prompts from resources: the source without Braintrust, else a fallback.
		 * @param resources the loader, or null for none
		 * @return this builder
		 */
		public Builder resources(@Nullable ResourcePromptLoader resources) {
			this.resources = resources;
			return this;
		}

		/**
		 * Whether the resources stand in for prompts Braintrust does not have or cannot
		 * serve (after the cache). Default true.
		 * @param fallback whether resources are a fallback
		 * @return this builder
		 */
		public Builder resourcesAsFallback(boolean fallback) {
			this.resourcesAsFallback = fallback;
			return this;
		}

		/**
		 * Set the cache of prompts loaded from Braintrust. Default: 1024 entries in
		 * memory, nothing on disk.
		 * @param cache the cache
		 * @return this builder
		 */
		public Builder cache(PromptCache cache) {
			Assert.notNull(cache, "'cache' must not be null");
			this.cache = cache;
			return this;
		}

		/**
		 * Set the project of requests that name none.
		 * @param name the project name, or null
		 * @param id the project id (which takes precedence), or null
		 * @return this builder
		 */
		public Builder project(@Nullable String name, @Nullable String id) {
			this.projectName = StringUtils.hasText(name) ? name.trim() : null;
			this.projectId = StringUtils.hasText(id) ? id.trim() : null;
			return this;
		}

		/**
		 * Whether prompts fail to build when a variable is missing. Default false.
		 * @param strict whether rendering is strict
		 * @return this builder
		 */
		public Builder strict(boolean strict) {
			this.renderer = PromptRenderer.of(strict);
			return this;
		}

		/**
		 * How long a prompt loaded without a pinned version is used before Braintrust is
		 * asked again. Default zero: always ask, as the SDKs do.
		 * @param ttl the time to live
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			Assert.isTrue(ttl != null && !ttl.isNegative(), "'ttl' must not be negative");
			this.ttl = ttl;
			return this;
		}

		/**
		 * Set the clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Build.
		 * @return the prompts
		 */
		public BraintrustPrompts build() {
			return new BraintrustPrompts(this);
		}

	}

}

package dev.braintrust.spring.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Which prompt to load: a slug in a project (by name or id), or a prompt id; the latest
 * version, a pinned version, or the version deployed to an environment (not both a
 * version and an environment); and the default variables of the loaded prompt.
 *
 * <pre class="code">
 * PromptRequest.slug("answer-question").project("Support bot").version("1000192656880881099").build();
 * PromptRequest.id("5b1e8ba4-...").environment("production").build();
 * </pre>
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class PromptRequest {

	private final @Nullable String projectName;

	private final @Nullable String projectId;

	private final @Nullable String slug;

	private final @Nullable String id;

	private final @Nullable String version;

	private final @Nullable String environment;

	private final Map<String, @Nullable Object> defaults;

	private PromptRequest(Builder builder) {
		this.projectName = builder.projectName;
		this.projectId = builder.projectId;
		this.slug = builder.slug;
		this.id = builder.id;
		this.version = builder.version;
		this.environment = builder.environment;
		this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(builder.defaults));
	}

	/**
	 * A request for a prompt by slug; the project defaults to the configured one.
	 * @param slug the prompt's slug
	 * @return a builder
	 */
	public static Builder slug(String slug) {
		Assert.hasText(slug, "'slug' must not be empty");
		Builder builder = new Builder();
		builder.slug = slug.trim();
		return builder;
	}

	/**
	 * A request for a prompt by id.
	 * @param id the prompt's id
	 * @return a builder
	 */
	public static Builder id(String id) {
		Assert.hasText(id, "'id' must not be empty");
		Builder builder = new Builder();
		builder.id = id.trim();
		return builder;
	}

	/**
	 * The project name.
	 * @return the name or null
	 */
	public @Nullable String projectName() {
		return this.projectName;
	}

	/**
	 * The project id, which takes precedence over the name.
	 * @return the id or null
	 */
	public @Nullable String projectId() {
		return this.projectId;
	}

	/**
	 * The prompt slug.
	 * @return the slug, or null for a request by id
	 */
	public @Nullable String slug() {
		return this.slug;
	}

	/**
	 * The prompt id.
	 * @return the id, or null for a request by slug
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * The pinned version: a transaction id or a version identifier.
	 * @return the version, or null
	 */
	public @Nullable String version() {
		return this.version;
	}

	/**
	 * The environment whose deployed version to load.
	 * @return the environment slug, or null
	 */
	public @Nullable String environment() {
		return this.environment;
	}

	/**
	 * Default variables of the loaded prompt.
	 * @return the defaults
	 */
	public Map<String, @Nullable Object> defaults() {
		return this.defaults;
	}

	/**
	 * Whether a project is named, by name or id.
	 * @return true when the request has a project
	 */
	public boolean hasProject() {
		return this.projectId != null || this.projectName != null;
	}

	/**
	 * A copy of this request at another version.
	 * @param version the version
	 * @return the copy, with no environment
	 */
	public PromptRequest atVersion(String version) {
		Builder builder = toBuilder();
		builder.environment = null;
		return builder.version(version).build();
	}

	/**
	 * A copy of this request in a project, unless it already names one or is by id.
	 * @param name the project name, or null
	 * @param id the project id, or null
	 * @return the request in the project
	 */
	public PromptRequest inProject(@Nullable String name, @Nullable String id) {
		if (hasProject() || this.id != null) {
			return this;
		}
		return toBuilder().project(name).projectId(id).build();
	}

	/**
	 * A key that identifies the request's answer: the same key for the same project
	 * designation, slug or id, and version or environment.
	 * @return the key
	 */
	public String cacheKey() {
		StringBuilder key = new StringBuilder();
		if (this.id != null) {
			key.append("id=").append(this.id);
		}
		else {
			key.append((this.projectId != null) ? "project_id=" + this.projectId : "project_name=" + this.projectName);
			key.append("\nslug=").append(this.slug);
		}
		if (this.version != null) {
			key.append("\nversion=").append(this.version);
		}
		else if (this.environment != null) {
			key.append("\nenvironment=").append(this.environment);
		}
		else {
			key.append("\nlatest");
		}
		return key.toString();
	}

	/**
	 * A description for messages, such as
	 * {@code prompt 'answer-question' (project 'Support bot', version '123')}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder description = new StringBuilder();
		if (this.id != null) {
			description.append("prompt with id '").append(this.id).append("' (");
		}
		else {
			description.append("prompt '").append(this.slug).append("' (");
			description.append((this.projectId != null) ? "project id '" + this.projectId + "'"
					: "project '" + this.projectName + "'");
			description.append(", ");
		}
		if (this.version != null) {
			description.append("version '").append(this.version).append("'");
		}
		else if (this.environment != null) {
			description.append("environment '").append(this.environment).append("'");
		}
		else {
			description.append("latest version");
		}
		return description.append(")").toString();
	}

	@Override
	public String toString() {
		return "PromptRequest[" + describe() + "]";
	}

	private Builder toBuilder() {
		Builder builder = new Builder();
		builder.projectName = this.projectName;
		builder.projectId = this.projectId;
		builder.slug = this.slug;
		builder.id = this.id;
		builder.version = this.version;
		builder.environment = this.environment;
		builder.defaults.putAll(this.defaults);
		return builder;
	}

	/**
	 * Builds a {@link PromptRequest}.
	 */
	public static final class Builder {

		private @Nullable String projectName;

		private @Nullable String projectId;

		private @Nullable String slug;

		private @Nullable String id;

		private @Nullable String version;

		private @Nullable String environment;

		private final Map<String, @Nullable Object> defaults = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set the project by name.
		 * @param name the project name
		 * @return this builder
		 */
		public Builder project(@Nullable String name) {
			this.projectName = trimmed(name);
			return this;
		}

		/**
		 * Set the project by id; it takes precedence over the name.
		 * @param id the project id
		 * @return this builder
		 */
		public Builder projectId(@Nullable String id) {
			this.projectId = trimmed(id);
			return this;
		}

		/**
		 * Pin a version: a transaction id ({@code _xact_id}) or a version identifier.
		 * @param version the version
		 * @return this builder
		 */
		public Builder version(@Nullable String version) {
			this.version = trimmed(version);
			return this;
		}

		/**
		 * Load the version deployed to an environment.
		 * @param environment the environment slug
		 * @return this builder
		 */
		public Builder environment(@Nullable String environment) {
			this.environment = trimmed(environment);
			return this;
		}

		/**
		 * Set default variables of the loaded prompt.
		 * @param defaults the variables
		 * @return this builder
		 */
		public Builder defaults(Map<String, ?> defaults) {
			Assert.notNull(defaults, "'defaults' must not be null");
			this.defaults.putAll(PromptVariables.normalize(defaults));
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException when both a version and an environment are set
		 */
		public PromptRequest build() {
			if (this.version != null && this.environment != null) {
				String what = (this.id != null) ? "prompt with id '" + this.id + "'" : "prompt '" + this.slug + "'";
				throw new IllegalArgumentException("Load " + what + " at a version or from an environment, not both "
						+ "(version '" + this.version + "', environment '" + this.environment + "')");
			}
			return new PromptRequest(this);
		}

		private static @Nullable String trimmed(@Nullable String value) {
			return StringUtils.hasText(value) ? value.trim() : null;
		}

	}

}

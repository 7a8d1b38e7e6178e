package dev.braintrust.spring.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.Assert;

/**
 * Loads prompts from resources holding the same JSON as Braintrust's prompt objects (a
 * prompt, or a {@code GET /v1/prompt} response with one). A prompt is looked up as
 * {@code <location>/<project>/<slug>.json} and then {@code <location>/<slug>.json}; by
 * id, every {@code .json} resource under the location is searched. A resource may leave
 * out the ids and the {@code _xact_id}: its slug then defaults to the file name and its
 * version to a hash of its {@code prompt_data}. A request pinned to a version matches
 * only a resource of that version; resources have no environments, so the environment of
 * a request is ignored.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ResourcePromptLoader implements PromptLoader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// slugs and project names end up in resource paths: no separators or parent segments
	private static final Pattern SAFE_NAME = Pattern.compile("[^/\\\\]+");

	private final ResourcePatternResolver resolver;

	private final String location;

	/**
	 * Create a loader.
	 * @param resourceLoader the resource loader
	 * @param location the directory of the prompt resources, such as
	 * {@code classpath:braintrust/prompts/}
	 */
	public ResourcePromptLoader(ResourceLoader resourceLoader, String location) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		Assert.hasText(location, "'location' must not be empty");
		this.resolver = (resourceLoader instanceof ResourcePatternResolver patternResolver) ? patternResolver
				: new PathMatchingResourcePatternResolver(resourceLoader);
		this.location = location.endsWith("/") ? location : location + "/";
	}

	/**
	 * The directory of the prompt resources.
	 * @return the location, ending with a slash
	 */
	public String location() {
		return this.location;
	}

	@Override
	public Optional<BraintrustPrompt> load(PromptRequest request) {
		return (request.id() != null) ? loadById(request) : loadBySlug(request);
	}

	private Optional<BraintrustPrompt> loadBySlug(PromptRequest request) {
		String slug = request.slug();
		if (slug == null || !isSafe(slug)) {
			return Optional.empty();
		}
		List<String> paths = new ArrayList<>();
		for (String project : new String[] { request.projectId(), request.projectName() }) {
			if (project != null && isSafe(project)) {
				paths.add(this.location + project + "/" + slug + ".json");
			}
		}
		paths.add(this.location + slug + ".json");
		for (String path : paths) {
			Resource resource = this.resolver.getResource(path);
			if (resource.exists()) {
				BraintrustPrompt prompt = read(resource, slug);
				return matchesVersion(prompt, request) ? Optional.of(prompt) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	private Optional<BraintrustPrompt> loadById(PromptRequest request) {
		String pattern = (this.location.startsWith("classpath:") ? "classpath*:" + this.location.substring(10)
				: this.location) + "**/*.json";
		Resource[] resources;
		try {
			resources = this.resolver.getResources(pattern);
		}
		catch (IOException ex) {
			throw new PromptLoadException(
					"The prompt resources at " + this.location + " cannot be listed: " + ex.getMessage(), ex);
		}
		for (Resource resource : resources) {
			String filename = resource.getFilename();
			BraintrustPrompt prompt = read(resource, (filename != null) ? filename.replaceFirst("\\.json$", "") : "");
			if (request.id().equals(prompt.id()) && matchesVersion(prompt, request)) {
				return Optional.of(prompt);
			}
		}
		return Optional.empty();
	}

	private BraintrustPrompt read(Resource resource, String defaultSlug) {
		JsonNode json;
		try (InputStream in = resource.getInputStream()) {
			json = JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new PromptLoadException(
					"The prompt resource " + resource.getDescription() + " cannot be read: " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new PromptLoadException("The prompt resource " + resource.getDescription() + " is not valid JSON: "
					+ ex.getOriginalMessage(), ex);
		}
		JsonNode prompt = (json.has("objects") && !json.has("slug") && json.get("objects").size() == 1)
				? json.get("objects").get(0) : json;
		if (prompt instanceof ObjectNode object && !object.has("slug") && !defaultSlug.isEmpty()) {
			object.put("slug", defaultSlug);
		}
		try {
			return BraintrustPrompt.fromJson(prompt);
		}
		catch (IllegalArgumentException ex) {
			throw new PromptLoadException(
					"The prompt resource " + resource.getDescription() + " is not a valid prompt: " + ex.getMessage(),
					ex);
		}
	}

	private static boolean matchesVersion(BraintrustPrompt prompt, PromptRequest request) {
		return request.version() == null || request.version().equals(prompt.version());
	}

	private static boolean isSafe(@Nullable String name) {
		return name != null && SAFE_NAME.matcher(name).matches() && !name.equals("..") && !name.equals(".");
	}

	@Override
	public String toString() {
		return "ResourcePromptLoader[" + this.location + "]";
	}

}

package dev.braintrust.spring.ai.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One conformance case: the provider requests to make and the LLM spans expected.
 *
 * @param file the YAML file
 * @param name the case name, also the name of the root span
 * @param provider e.g. {@code openai}
 * @param endpoint the provider API surface, e.g. {@code /v1/messages}
 * @param requests raw provider request bodies, one per model call
 * @param expectedSpans partial expected rows, matched in order against the LLM spans
 */
record ConformanceCase(Path file, String name, String provider, String endpoint, List<Map<String, Object>> requests,
		List<@Nullable Object> expectedSpans) {

	/**
	 * Load every {@code *.yaml} file under a directory, in path order. A file that cannot
	 * be read as a case becomes a {@link Loaded} holding the reason.
	 * @param directory the directory
	 * @return one entry per file
	 * @throws IOException when the directory cannot be listed
	 */
	static List<Loaded> loadAll(Path directory) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(directory)) {
			files = walk.filter((path) -> Files.isRegularFile(path) && path.getFileName().toString().endsWith(".yaml"))
				.sorted()
				.toList();
		}
		List<Loaded> loaded = new ArrayList<>();
		for (Path file : files) {
			String label = directory.relativize(file).toString();
			try {
				loaded.add(new Loaded(label, load(file), null));
			}
			catch (Exception ex) {
				loaded.add(new Loaded(label, null, ex));
			}
		}
		return loaded;
	}

	/**
	 * Load one case.
	 * @param file the YAML file
	 * @return the case
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when it is not a valid case
	 */
	@SuppressWarnings("unchecked")
	static ConformanceCase load(Path file) throws IOException {
		Object document = SpecYaml.load(file);
		if (!(document instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(file + " is not a YAML mapping");
		}
		String type = string(map, "type", file);
		if (!type.equals("llm_span_test")) {
			throw new IllegalArgumentException(file + ": unsupported case type '" + type + "'");
		}
		Object requests = map.get("requests");
		if (!(requests instanceof List<?> list) || list.isEmpty()
				|| !list.stream().allMatch((request) -> request instanceof Map)) {
			throw new IllegalArgumentException(file + ": 'requests' must be a non-empty list of request bodies");
		}
		Object expected = map.get("expected_brainstore_spans");
		if (!(expected instanceof List<?> expectedList) || expectedList.isEmpty()) {
			throw new IllegalArgumentException(file + ": 'expected_brainstore_spans' must be a non-empty list");
		}
		List<String> unknown = SpecYaml.functions(expected)
			.stream()
			.filter((fn) -> !fn.isKnown())
			.map(SpecMatcher.Fn::expression)
			.toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(file + ": unknown !fn expression(s) " + unknown
					+ "; this runner implements is_non_negative_number, is_positive_number, is_non_empty_string, "
					+ "undefined_or_null and 'lambda value: \"X\" in value'");
		}
		return new ConformanceCase(file, string(map, "name", file), string(map, "provider", file),
				string(map, "endpoint", file), (List<Map<String, Object>>) list, new ArrayList<>(expectedList));
	}

	private static String string(Map<?, ?> map, String key, Path file) {
		Object value = map.get(key);
		if (!(value instanceof String text) || text.isBlank()) {
			throw new IllegalArgumentException(file + ": missing '" + key + "'");
		}
		return text;
	}

	/**
	 * A file of the case directory: the case, or why it could not be loaded.
	 *
	 * @param label the file's path relative to the directory
	 * @param conformanceCase the case, or null
	 * @param failure the load failure, or null
	 */
	record Loaded(String label, @Nullable ConformanceCase conformanceCase, @Nullable Exception failure) {
	}

}

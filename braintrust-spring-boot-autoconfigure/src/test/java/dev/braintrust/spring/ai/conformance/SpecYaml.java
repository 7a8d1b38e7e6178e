package dev.braintrust.spring.ai.conformance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads conformance YAML with SnakeYAML's safe constructor, turning the spec's custom
 * tags into {@link SpecMatcher} objects. Any other tag fails the load.
 */
final class SpecYaml {

	private SpecYaml() {
	}

	static Object load(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new Yaml(new SpecConstructor()).load(reader);
		}
	}

	static Object load(String yaml) {
		return new Yaml(new SpecConstructor()).load(yaml);
	}

	private static final class SpecConstructor extends SafeConstructor {

		SpecConstructor() {
			super(new LoaderOptions());
			this.yamlConstructors.put(new Tag("!fn"), new AbstractConstruct() {

				@Override
				public Object construct(Node node) {
					return new SpecMatcher.Fn(constructScalar(scalar(node, "!fn")));
				}

			});
			this.yamlConstructors.put(new Tag("!starts_with"), new AbstractConstruct() {

				@Override
				public Object construct(Node node) {
					return new SpecMatcher.StartsWith(constructScalar(scalar(node, "!starts_with")));
				}

			});
			this.yamlConstructors.put(new Tag("!or"), new AbstractConstruct() {

				@Override
				public Object construct(Node node) {
					if (!(node instanceof SequenceNode sequence)) {
						throw new IllegalArgumentException("!or needs a list of alternatives " + node.getStartMark());
					}
					return new SpecMatcher.Or(new ArrayList<>(constructSequence(sequence)));
				}

			});
		}

		private static ScalarNode scalar(Node node, String tag) {
			if (!(node instanceof ScalarNode scalar)) {
				throw new IllegalArgumentException(tag + " needs a scalar value " + node.getStartMark());
			}
			return scalar;
		}

	}

	/** Every {@code !fn} expression in a loaded value, in document order. */
	static List<SpecMatcher.Fn> functions(Object value) {
		List<SpecMatcher.Fn> found = new ArrayList<>();
		collect(value, found);
		return found;
	}

	private static void collect(Object value, List<SpecMatcher.Fn> found) {
		if (value instanceof SpecMatcher.Fn fn) {
			found.add(fn);
		}
		else if (value instanceof SpecMatcher.Or or) {
			or.alternatives().forEach((alternative) -> collect(alternative, found));
		}
		else if (value instanceof java.util.Map<?, ?> map) {
			map.values().forEach((item) -> collect(item, found));
		}
		else if (value instanceof List<?> list) {
			list.forEach((item) -> collect(item, found));
		}
	}

}

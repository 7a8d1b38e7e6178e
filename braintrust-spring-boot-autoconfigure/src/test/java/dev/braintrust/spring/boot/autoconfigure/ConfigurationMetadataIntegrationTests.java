package dev.braintrust.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.braintrust.spring.boot.autoconfigure.ai.BraintrustAiProperties;
import dev.braintrust.spring.boot.autoconfigure.eval.BraintrustEvalProperties;
import dev.braintrust.spring.boot.autoconfigure.prompt.BraintrustPromptProperties;
import dev.braintrust.spring.boot.autoconfigure.tracing.BraintrustTracingProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the configuration metadata from the built jar, as an IDE does, and checks that
 * every {@code braintrust.*} property is documented.
 *
 * @author Braintrust
 */
class ConfigurationMetadataIntegrationTests {

	@Test
	void everyBraintrustPropertyIsDescribedInTheBuiltJar() throws Exception {
		JsonNode metadata = readMetadataFromJar();
		List<String> undocumented = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").stringValue();
			if (!name.startsWith("braintrust.")) {
				continue;
			}
			names.add(name);
			JsonNode description = property.get("description");
			if (description == null || description.stringValue().isBlank() || property.get("type") == null) {
				undocumented.add(name);
			}
		}
		assertThat(undocumented).as("properties without description or type").isEmpty();
		assertThat(names).contains("braintrust.api-key", "braintrust.api-url", "braintrust.app-url",
				"braintrust.org-name", "braintrust.project", "braintrust.project-id", "braintrust.mode",
				"braintrust.local.directory", "braintrust.logger.async.max-queue-size",
				"braintrust.logger.async.shutdown-timeout", "braintrust.export.spool-directory",
				"braintrust.ssl.bundle");
		assertThat(metadata.get("properties")).anySatisfy((property) -> {
			assertThat(property.get("name").stringValue()).isEqualTo("braintrust.api-url");
			assertThat(property.get("defaultValue").stringValue()).isEqualTo("https://api.braintrust.dev");
		});
		assertThat(metadata.get("hints")).anySatisfy((hint) -> {
			assertThat(hint.get("name").stringValue()).isEqualTo("braintrust.mode");
			assertThat(hint.get("values")).extracting((value) -> value.get("value").stringValue())
				.containsExactly("auto", "local", "remote", "disabled");
		});
	}

	@Test
	void everyPropertyIsListedInTheReadme() throws Exception {
		// The README's property table is what users read first; it must not fall behind
		// the code.
		String readme = Files.readString(Path.of("..", "README.md"));
		List<String> missing = new ArrayList<>();
		for (JsonNode property : readMetadataFromJar().get("properties")) {
			String name = property.get("name").stringValue();
			if (!readme.contains("`" + name)) {
				missing.add(name);
			}
		}
		assertThat(missing).as("properties missing from README.md's tables").isEmpty();
	}

	@Test
	void everyBoundPropertyHasADescriptionATypeAndItsDefault() throws Exception {
		Map<String, JsonNode> metadata = propertiesByName(readMetadataFromJar());
		Map<String, BoundProperty> bound = new LinkedHashMap<>();
		for (Class<?> type : List.of(BraintrustProperties.class, BraintrustAiProperties.class,
				BraintrustEvalProperties.class, BraintrustPromptProperties.class, BraintrustTracingProperties.class)) {
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			collect(annotation.value(), BeanUtils.instantiateClass(type), bound);
		}
		assertThat(bound).hasSizeGreaterThan(50);
		assertThat(metadata.keySet()).as("bound properties missing from the metadata").containsAll(bound.keySet());
		bound.forEach((name, property) -> {
			JsonNode entry = metadata.get(name);
			assertThat(entry.path("description").asString("")).as("description of %s", name).isNotBlank();
			assertThat(entry.path("type").asString("")).as("type of %s", name).isNotBlank();
			Object value = property.defaultValue();
			if (value != null && !isEmpty(value)) {
				assertThat(entry.has("defaultValue")).as("default of %s (%s)", name, value).isTrue();
				if (value instanceof Boolean || value instanceof Number || value instanceof String) {
					assertThat(text(entry.get("defaultValue"))).as("default of %s", name)
						.isEqualTo(String.valueOf(value));
				}
			}
		});
	}

	@Test
	void everyEnumeratedPropertyHasAHintForEachValue() throws Exception {
		JsonNode metadata = readMetadataFromJar();
		Map<String, BoundProperty> bound = new LinkedHashMap<>();
		collect("braintrust", new BraintrustProperties(), bound);
		List<String> enumerated = new ArrayList<>();
		bound.forEach((name, property) -> {
			if (!property.type().isEnum()) {
				return;
			}
			enumerated.add(name);
			List<String> expected = Arrays.stream(property.type().getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.toList();
			assertThat(metadata.get("hints")).as("hint of %s", name).anySatisfy((hint) -> {
				assertThat(hint.get("name").asString()).isEqualTo(name);
				assertThat(hint.get("values")).extracting((value) -> value.get("value").asString())
					.containsExactlyElementsOf(expected);
				assertThat(hint.get("values"))
					.allSatisfy((value) -> assertThat(value.path("description").asString("")).isNotBlank());
			});
		});
		assertThat(enumerated).contains("braintrust.mode");
	}

	@Test
	void describesTheEndpointAccessAndTheHealthIndicatorSwitch() throws Exception {
		Map<String, JsonNode> metadata = propertiesByName(readMetadataFromJar());

		assertThat(text(metadata.get("management.endpoint.braintrust.access").get("defaultValue")))
			.isEqualTo("read_only");
		assertThat(metadata.get("management.health.braintrust.enabled").get("description").asString())
			.isEqualTo("Whether to enable the Braintrust health indicator.");
	}

	private static void collect(String prefix, Object instance, Map<String, BoundProperty> bound) throws Exception {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(instance.getClass())) {
			Method getter = descriptor.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			String name = prefix + "." + kebab(descriptor.getName());
			Class<?> type = descriptor.getPropertyType();
			Object value = getter.invoke(instance);
			if (descriptor.getWriteMethod() == null && type.getName().startsWith("dev.braintrust.") && value != null) {
				collect(name, value, bound);
			}
			else {
				bound.put(name, new BoundProperty(type, value));
			}
		}
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static boolean isEmpty(Object value) {
		return (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : node.toString();
	}

	private static Map<String, JsonNode> propertiesByName(JsonNode metadata) {
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		metadata.get("properties").forEach((property) -> byName.put(property.get("name").asString(), property));
		return byName;
	}

	private record BoundProperty(Class<?> type, @Nullable Object defaultValue) {

	}

	private static JsonNode readMetadataFromJar() throws Exception {
		Path jar;
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter(
					(path) -> path.getFileName().toString().matches("braintrust-spring-boot-autoconfigure-.*\\.jar"))
				.filter((path) -> !path.getFileName().toString().contains("-tests")
						&& !path.getFileName().toString().contains("-sources"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Build the jar first (mvn package); none in target/"));
		}
		try (JarFile file = new JarFile(jar.toFile());
				InputStream in = file.getInputStream(file.getEntry("META-INF/spring-configuration-metadata.json"))) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}

package dev.braintrust.spring.boot.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

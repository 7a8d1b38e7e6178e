package dev.braintrust.spring.ai.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * Finds the directory of conformance cases: the system property
 * {@value #SPEC_DIR_PROPERTY} when set, else {@code shared/reference/llm-span-spec} next
 * to the repository or one of its parent directories (the shared folder is
 * {@code <repo>/../shared}; for a git worktree nested deeper, the walk up finds it). The
 * repository is {@value #REPOSITORY_PROPERTY} (set by the build from
 * {@code maven.multiModuleProjectDirectory}), else the working directory.
 */
final class SpecDirectory {

	/** Overrides the case directory. */
	static final String SPEC_DIR_PROPERTY = "braintrust.spec.dir";

	/** The repository root, passed by the build. */
	static final String REPOSITORY_PROPERTY = "braintrust.repository.dir";

	static final String DEFAULT_RELATIVE = "shared/reference/llm-span-spec";

	private SpecDirectory() {
	}

	/**
	 * Resolve the case directory.
	 * @param properties the system properties
	 * @return the directory
	 * @throws IllegalStateException when it does not exist, naming what to set
	 */
	static Path resolve(Properties properties) {
		Path repository = repository(properties);
		String override = properties.getProperty(SPEC_DIR_PROPERTY);
		if (override != null && !override.isBlank()) {
			Path path = Path.of(override.strip());
			if (!path.isAbsolute() && !Files.isDirectory(path)) {
				path = repository.resolve(path);
			}
			if (!Files.isDirectory(path)) {
				throw new IllegalStateException("-D" + SPEC_DIR_PROPERTY + "=" + override
						+ " is not a directory (resolved to " + path.toAbsolutePath().normalize() + ")");
			}
			return path.toAbsolutePath().normalize();
		}
		for (Path candidate = repository.toAbsolutePath().normalize(); candidate != null; candidate = candidate
			.getParent()) {
			Path spec = candidate.resolve(DEFAULT_RELATIVE);
			if (Files.isDirectory(spec)) {
				return spec;
			}
		}
		throw new IllegalStateException("No conformance cases found: no " + DEFAULT_RELATIVE + " next to "
				+ repository.toAbsolutePath().normalize() + " or its parents. Set -D" + SPEC_DIR_PROPERTY
				+ "=<directory of *.yaml cases>.");
	}

	private static Path repository(Properties properties) {
		@Nullable String repository = properties.getProperty(REPOSITORY_PROPERTY);
		if (repository != null && !repository.isBlank() && !repository.startsWith("${")) {
			return Path.of(repository.strip());
		}
		return Path.of("").toAbsolutePath();
	}

}

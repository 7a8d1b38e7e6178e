package dev.braintrust.spring.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Braintrust's official OpenAPI spec ({@code shared/reference/braintrust-openapi.json}),
 * loaded once per JVM, and validation of requests and responses against it with the
 * swagger-request-validator library.
 * <p>
 * The spec is found through the system property {@code braintrust.shared.dir} (the
 * {@code shared} folder; the build sets it to
 * {@code ${maven.multiModuleProjectDirectory}/../shared}); when that does not hold the
 * spec, every ancestor of the working directory is searched for
 * {@code shared/reference/braintrust-openapi.json}, which finds {@code <repo>/../shared}
 * from the repository root, from a module directory and from a git worktree nested one
 * level deeper.
 */
public final class BraintrustOpenApi {

	/** The system property naming the shared folder. */
	public static final String SHARED_DIR_PROPERTY = "braintrust.shared.dir";

	private static final String SPEC = "reference/braintrust-openapi.json";

	private BraintrustOpenApi() {
	}

	/**
	 * The spec file.
	 * @return the path
	 * @throws IllegalStateException when it cannot be found, listing where it was looked
	 * for
	 */
	public static Path specFile() {
		List<Path> tried = new ArrayList<>();
		String property = System.getProperty(SHARED_DIR_PROPERTY);
		if (property != null && !property.isBlank()) {
			Path candidate = Path.of(property).toAbsolutePath().normalize().resolve(SPEC);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
			tried.add(candidate);
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("shared").resolve(SPEC);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
			tried.add(candidate);
		}
		throw new IllegalStateException(
				"Cannot find Braintrust's OpenAPI spec; looked at " + tried + ". Set the system property "
						+ SHARED_DIR_PROPERTY + " to the shared folder (the one holding " + SPEC + ").");
	}

	/**
	 * Load the spec now, if not yet loaded, so its cost is not paid inside a test's
	 * timeout.
	 */
	public static void load() {
		Holder.VALIDATOR.getClass();
	}

	/**
	 * Validate a request.
	 * @param request the request
	 * @return the report
	 */
	public static ValidationReport validateRequest(SimpleRequest request) {
		return Holder.VALIDATOR.validateRequest(request);
	}

	/**
	 * Validate a response.
	 * @param path the request path
	 * @param method the request method
	 * @param response the response
	 * @return the report
	 */
	public static ValidationReport validateResponse(String path, Request.Method method, SimpleResponse response) {
		return Holder.VALIDATOR.validateResponse(path, method, response);
	}

	/** Loads the spec on first use: about a megabyte, a few seconds to parse. */
	private static final class Holder {

		static final OpenApiInteractionValidator VALIDATOR = load();

		private static OpenApiInteractionValidator load() {
			try {
				String spec = Files.readString(specFile());
				return OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}

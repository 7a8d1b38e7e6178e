package dev.braintrust.spring.eval;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads cases from a JSON Lines resource, one object per line.
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 */
final class JsonLinesEvalData<I, O> implements EvalData<I, O> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CLASSPATH = "classpath:";

	private static final String FILE = "file:";

	private final String location;

	private final Class<I> inputType;

	private final Class<O> expectedType;

	JsonLinesEvalData(String location, Class<I> inputType, Class<O> expectedType) {
		if (location == null || location.isBlank()) {
			throw new IllegalArgumentException("A JSON Lines location must not be blank");
		}
		this.location = location.trim();
		this.inputType = inputType;
		this.expectedType = expectedType;
	}

	@Override
	public LoadedEvalData<I, O> load(EvalDataContext context) throws IOException {
		List<EvalCase<I, O>> cases = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(open(context.classLoader()), StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				cases.add(parse(context, line, number));
			}
		}
		return LoadedEvalData.of(cases);
	}

	private EvalCase<I, O> parse(EvalDataContext context, String line, int number) {
		String where = "line " + number + " of " + this.location;
		JsonNode node;
		try {
			node = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Line " + number + " of " + this.location + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(node instanceof ObjectNode row) || !row.has("input")) {
			throw new IllegalArgumentException("Line " + number + " of " + this.location
					+ " must be a JSON object with an \"input\" field (and optionally \"expected\", \"metadata\", "
					+ "\"tags\" and \"id\")");
		}
		EvalCase.Builder<I, O> builder = JsonCases.toCase(context, row.get("input"), row.get("expected"),
				row.get("metadata"), row.get("tags"), this.inputType, this.expectedType, where);
		if (row.hasNonNull("id")) {
			builder.id(row.get("id").asString());
		}
		return builder.build();
	}

	private InputStream open(ClassLoader classLoader) throws IOException {
		if (this.location.startsWith(FILE)) {
			Path path = Path.of(this.location.substring(FILE.length()));
			if (!Files.isReadable(path)) {
				throw new FileNotFoundException(
						"Eval data file " + path.toAbsolutePath() + " does not exist or " + "cannot be read");
			}
			return Files.newInputStream(path);
		}
		String path = this.location.startsWith(CLASSPATH) ? this.location.substring(CLASSPATH.length()) : this.location;
		while (path.startsWith("/")) {
			path = path.substring(1);
		}
		InputStream in = classLoader.getResourceAsStream(path);
		if (in == null) {
			throw new FileNotFoundException("Eval data resource " + this.location
					+ " was not found on the classpath; put it under src/main/resources or src/test/resources, "
					+ "or use file:<path>");
		}
		return in;
	}

	@Override
	public String toString() {
		return "EvalData[" + this.location + "]";
	}

}

package dev.braintrust.spring.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.dataset.DatasetOptions;

/**
 * Where an eval's cases come from: a list or stream of {@link EvalCase}s, a JSON Lines
 * resource, a Braintrust dataset, or the cases of an earlier experiment. The data is read
 * once when a run starts, so its size is known for progress reporting.
 *
 * <pre class="code">
 * EvalData.of(EvalCase.of("2+2", "4"), EvalCase.of("3+3", "6"));
 * EvalData.jsonLines("classpath:evals/support.jsonl", Question.class, String.class);
 * EvalData.dataset("golden-questions");
 * EvalData.experiment("support-bot-20250101-120000");
 * </pre>
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface EvalData<I, O> {

	/**
	 * Read the cases.
	 * @param context what the data may use
	 * @return the cases, and the dataset version they came from
	 * @throws Exception when the cases cannot be read
	 */
	LoadedEvalData<I, O> load(EvalDataContext context) throws Exception;

	/**
	 * A fixed list of cases.
	 * @param cases the cases
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> of(List<EvalCase<I, O>> cases) {
		List<EvalCase<I, O>> copy = List.copyOf(cases);
		return (context) -> LoadedEvalData.of(copy);
	}

	/**
	 * A fixed list of cases.
	 * @param cases the cases
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	@SafeVarargs
	static <I, O> EvalData<I, O> of(EvalCase<I, O>... cases) {
		return of(Arrays.asList(cases));
	}

	/**
	 * Cases from a stream, opened (and closed) each time the eval runs.
	 * @param cases supplies the stream
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> fromStream(Supplier<? extends Stream<EvalCase<I, O>>> cases) {
		return (context) -> {
			try (Stream<EvalCase<I, O>> stream = cases.get()) {
				return LoadedEvalData.of(stream.toList());
			}
		};
	}

	/**
	 * Cases from a JSON Lines resource: one object per line with {@code input} and
	 * optionally {@code expected}, {@code metadata}, {@code tags} and {@code id}. Values
	 * become maps, lists, strings, numbers and booleans.
	 * @param location {@code classpath:path} (also the default) or {@code file:path}
	 * @return the data
	 */
	static EvalData<Object, Object> jsonLines(String location) {
		return jsonLines(location, Object.class, Object.class);
	}

	/**
	 * Cases from a JSON Lines resource, with input and expected output converted to the
	 * given types.
	 * @param location {@code classpath:path} (also the default) or {@code file:path}
	 * @param inputType the input type
	 * @param expectedType the expected output type
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> jsonLines(String location, Class<I> inputType, Class<O> expectedType) {
		return new JsonLinesEvalData<>(location, inputType, expectedType);
	}

	/**
	 * Cases from a JSON Lines file.
	 * @param file the file
	 * @param inputType the input type
	 * @param expectedType the expected output type
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> jsonLines(Path file, Class<I> inputType, Class<O> expectedType) {
		return new JsonLinesEvalData<>("file:" + file.toAbsolutePath(), inputType, expectedType);
	}

	/**
	 * The records of a dataset in the eval's project, at its latest version.
	 * @param name the dataset name
	 * @return the data
	 */
	static EvalData<Object, Object> dataset(String name) {
		return dataset(DatasetOptions.named(name), Object.class, Object.class);
	}

	/**
	 * The records of a dataset, converted to the given types. A dataset without a project
	 * is looked up in the eval's project.
	 * @param options the dataset, and the version to read
	 * @param inputType the input type
	 * @param expectedType the expected output type
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> dataset(DatasetOptions options, Class<I> inputType, Class<O> expectedType) {
		return new DatasetEvalData<>(options, inputType, expectedType);
	}

	/**
	 * The cases of an earlier experiment of the eval's project, by name (the latest of
	 * that name) or id: each root span's input, and its expected value (or its output
	 * when it has none), metadata and tags.
	 * @param nameOrId the experiment name or id
	 * @return the data
	 */
	static EvalData<Object, Object> experiment(String nameOrId) {
		return experiment(nameOrId, Object.class, Object.class);
	}

	/**
	 * The cases of an earlier experiment, converted to the given types.
	 * @param nameOrId the experiment name or id
	 * @param inputType the input type
	 * @param expectedType the expected output type
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> experiment(String nameOrId, Class<I> inputType, Class<O> expectedType) {
		return new ExperimentEvalData<>(nameOrId, inputType, expectedType);
	}

	/**
	 * The cases of the experiment this run compares with (see
	 * {@link EvalOptions.Builder#baseExperimentName(String)}): the SDKs'
	 * {@code BaseExperiment()}.
	 * @param inputType the input type
	 * @param expectedType the expected output type
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return the data
	 */
	static <I, O> EvalData<I, O> baseExperiment(Class<I> inputType, Class<O> expectedType) {
		return new ExperimentEvalData<>(null, inputType, expectedType);
	}

}

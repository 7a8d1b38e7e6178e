package dev.braintrust.spring.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.braintrust.spring.eval.dataset.Dataset;
import dev.braintrust.spring.eval.dataset.DatasetOptions;
import dev.braintrust.spring.eval.dataset.DatasetRow;
import dev.braintrust.spring.eval.dataset.LocalDatasets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@link EvalData} sources, run through an {@link EvalRunner}.
 *
 * @author Braintrust
 */
@Timeout(30)
class EvalDataTests {

	@TempDir
	Path directory;

	private EvalTestSupport support;

	private EvalRunner runner;

	@BeforeEach
	void setUp() {
		this.support = new EvalTestSupport(this.directory.resolve("store"));
		this.runner = this.support.runner().build();
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	@Timeout(30)
	void readsAJsonLinesResourceIntoTypedCases() {
		EvalResult result = this.runner.run("quiz",
				echo(EvalData.jsonLines("classpath:evals/questions.jsonl", Question.class, String.class)));

		assertThat(result.cases()).hasSize(3);
		EvalCaseResult first = result.cases().get(0);
		assertThat(first.input()).isEqualTo(new Question("What is 2+2?", 1));
		assertThat(first.expected()).isEqualTo("4");
		assertThat(first.metadata()).containsEntry("topic", "arithmetic");
		assertThat(first.tags()).containsExactly("easy");
		assertThat(result.cases().get(1).expected()).isEqualTo("42");
		assertThat(result.cases().get(2).expected()).isNull();
		assertThat(result.cases().get(2).tags()).containsExactly("easy", "trivia");
	}

	@Test
	@Timeout(30)
	void readsUntypedJsonLinesAsMapsAndAFileByPath() throws Exception {
		Path file = this.directory.resolve("cases.jsonl");
		Files.writeString(file, "{\"input\": {\"a\": [1, 2]}, \"expected\": true}\n");

		EvalResult fromResource = this.runner.run("untyped", echo(EvalData.jsonLines("evals/questions.jsonl")));
		EvalResult fromFile = this.runner.run("file", echo(EvalData.jsonLines(file, Object.class, Boolean.class)));

		assertThat(fromResource.cases().get(0).input()).isEqualTo(Map.of("text", "What is 2+2?", "level", 1));
		assertThat(fromFile.cases().get(0).input()).isEqualTo(Map.of("a", List.of(1, 2)));
		assertThat(fromFile.cases().get(0).expected()).isEqualTo(true);
	}

	@Test
	void reportsTheLineOfInvalidJsonLines() {
		assertThatExceptionOfType(EvalException.class)
			.isThrownBy(() -> this.runner.run("bad", echo(EvalData.jsonLines("classpath:evals/bad.jsonl"))))
			.withMessageContaining("Line 2 of classpath:evals/bad.jsonl is not valid JSON");
		assertThatExceptionOfType(EvalException.class)
			.isThrownBy(() -> this.runner.run("bad", echo(EvalData.jsonLines("classpath:evals/no-input.jsonl"))))
			.withMessageContaining("Line 2 of classpath:evals/no-input.jsonl must be a JSON object with an \"input\"");
		assertThatExceptionOfType(EvalException.class)
			.isThrownBy(() -> this.runner.run("bad",
					echo(EvalData.jsonLines("classpath:evals/questions.jsonl", Integer.class, String.class))))
			.withMessageContaining(
					"The input of line 1 of classpath:evals/questions.jsonl cannot be read as " + "java.lang.Integer");
	}

	@Test
	@Timeout(30)
	void readsADatasetAndRecordsItsIdVersionAndOrigin() {
		Dataset golden = new LocalDatasets(this.support.logger, this.support.store, "ignored")
			.open(DatasetOptions.named("golden").inProject("support"));
		String first = golden.insert(DatasetRow.builder()
			.input("reset password?")
			.expected("recovery")
			.tags("faq")
			.metadata("source", "docs")
			.build());
		golden.insert("opening hours?", "9-17");
		String version = golden.version();

		EvalResult result = this.runner.run("support", echo(EvalData.dataset("golden")));
		golden.insert("refunds?", "30 days");
		EvalResult latest = this.runner.run("support", echo(EvalData.dataset("golden")));
		EvalResult pinned = this.runner.run("support",
				echo(EvalData.dataset(DatasetOptions.named("golden").atVersion(version), String.class, String.class)));

		assertThat(result.datasetId()).isEqualTo("golden");
		assertThat(result.datasetVersion()).isEqualTo(version);
		assertThat(result.cases()).extracting(EvalCaseResult::input)
			.containsExactly("reset password?", "opening hours?");
		assertThat(result.cases().get(0).tags()).containsExactly("faq");
		assertThat(result.cases().get(0).metadata()).containsEntry("source", "docs");
		assertThat(latest.cases()).hasSize(3);
		assertThat(Long.parseLong(latest.datasetVersion())).isGreaterThan(Long.parseLong(version));
		assertThat(pinned.cases()).hasSize(2);
		assertThat(pinned.datasetVersion()).isEqualTo(version);
		ObjectNode options = this.support.experiments("support").get(0).ref().createOptions();
		assertThat(options.path("dataset_id").asString()).isEqualTo("golden");
		assertThat(options.path("dataset_version").asString()).isEqualTo(version);
		ObjectNode root = this.support.rows(result.experiment())
			.stream()
			.filter((row) -> row.path("span_id").asString().equals(result.cases().get(0).spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(root.path("origin").path("object_type").asString()).isEqualTo("dataset");
		assertThat(root.path("origin").path("object_id").asString()).isEqualTo("golden");
		assertThat(root.path("origin").path("id").asString()).isEqualTo(first);
		assertThat(root.path("origin").path("_xact_id").asString()).isNotEmpty();
		assertThat(root.path("span_attributes").path("type").asString()).isEqualTo("eval");
	}

	@Test
	@Timeout(30)
	void readsTheCasesOfAnEarlierExperiment() {
		EvalDefinition<String, String> original = EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.<String, String>builder("2+2").expected("4").metadata("kind", "sum").build(),
					EvalCase.of("3*3")))
			.task((input) -> input.equals("3*3") ? "9" : "four")
			.build();
		EvalResult earlier = this.runner.run("math", original);

		EvalResult byName = this.runner.run("math", echo(EvalData.experiment(earlier.experimentName())));
		EvalResult base = this.runner.run("math", echo(EvalData.baseExperiment(String.class, String.class)));

		// cases of an experiment come back in the order they were written, which
		// concurrency decides
		Map<Object, Object> expectedByInput = new HashMap<>();
		byName.cases().forEach((c) -> expectedByInput.put(c.input(), c.expected()));
		// the expected value, or the output when a case had none
		assertThat(expectedByInput).containsOnly(Map.entry("2+2", "4"), Map.entry("3*3", "9"));
		assertThat(byName.cases()).filteredOn((c) -> "2+2".equals(c.input()))
			.singleElement()
			.satisfies((c) -> assertThat(c.metadata()).containsEntry("kind", "sum"));
		assertThat(base.cases()).extracting(EvalCaseResult::input).containsExactlyInAnyOrder("2+2", "3*3");
		assertThatExceptionOfType(EvalException.class)
			.isThrownBy(() -> this.runner.run("math", echo(EvalData.experiment("no-such-experiment"))))
			.withMessageContaining("has no experiment with that name or id");
	}

	@Test
	@Timeout(30)
	void readsAStreamEachRunAndClosesIt() {
		AtomicBoolean closed = new AtomicBoolean();
		EvalData<String, String> data = EvalData
			.fromStream(() -> Stream.of(EvalCase.<String, String>of("a", "a")).onClose(() -> closed.set(true)));

		EvalResult result = this.runner.run("stream", echo(data));

		assertThat(result.cases()).hasSize(1);
		assertThat(closed).isTrue();
	}

	private static <I, O> EvalDefinition<I, O> echo(EvalData<I, O> data) {
		return EvalDefinition.<I, O>builder()
			.data(data)
			.task((input) -> input)
			.scorers(Scorer.of("same", (args) -> Objects.equals(args.input(), args.expected())))
			.build();
	}

	record Question(String text, int level) {
	}

}

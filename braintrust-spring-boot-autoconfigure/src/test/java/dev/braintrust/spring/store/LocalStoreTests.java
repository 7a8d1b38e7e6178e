package dev.braintrust.spring.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalStore}.
 *
 * @author Braintrust
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalStoreTests {

	private static final ObjectRef LOGS = ObjectRef.projectLogs("support bot/prod", null);

	@TempDir
	Path directory;

	@Test
	void appendsRowsAsJsonLinesAndReadsThemMerged() throws IOException {
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"input\":\"q\",\"_is_merge\":false}"),
					row(LOGS, "{\"id\":\"b\",\"input\":\"r\"}")));
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"output\":\"x\",\"_is_merge\":true}")));
			store.flush();
			List<String> lines = Files.readAllLines(store.rowsFile(LOGS));
			assertThat(lines).containsExactly("{\"id\":\"a\",\"input\":\"q\",\"_is_merge\":false}",
					"{\"id\":\"b\",\"input\":\"r\"}", "{\"id\":\"a\",\"output\":\"x\",\"_is_merge\":true}");
			assertThat(store.readMergedRows(LOGS)).extracting(Object::toString)
				.containsExactly("{\"id\":\"a\",\"input\":\"q\",\"output\":\"x\"}", "{\"id\":\"b\",\"input\":\"r\"}");
		}
	}

	@Test
	void listsObjectsWithNamesAndCreationTimes() {
		ObjectRef experiment = ObjectRef.newExperiment("support bot/prod", null, "baseline #1", null);
		ObjectRef dataset = ObjectRef.dataset("support bot/prod", null, "faq", null);
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\"}"), row(experiment, "{\"id\":\"e\"}"),
					row(dataset, "{\"id\":\"d\"}")));
			List<StoredObject> objects = store.listObjects();
			assertThat(objects).extracting((object) -> object.ref().type() + ":" + object.name())
				.containsExactlyInAnyOrder("PROJECT_LOGS:support bot/prod", "EXPERIMENT:baseline #1", "DATASET:faq");
			assertThat(objects).allSatisfy((object) -> assertThat(object.created()).isNotNull());
			StoredObject stored = store.listObjects(ObjectType.EXPERIMENT, "support bot/prod").get(0);
			assertThat(stored.ref()).isEqualTo(experiment);
			assertThat(stored.id()).isEqualTo(experiment.key());
		}
	}

	@Test
	void objectsSurviveReopeningTheStore() {
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"input\":1}")));
		}
		try (LocalStore reopened = new LocalStore(this.directory)) {
			reopened.append(List.of(row(LOGS, "{\"id\":\"b\",\"input\":2}")));
			assertThat(reopened.readMergedRows(LOGS)).hasSize(2);
			assertThat(reopened.listObjects()).hasSize(1);
		}
	}

	@Test
	void tornLastLineIsRepairedOnReopenAndEveryCompleteRowRemains(CapturedOutput output) throws IOException {
		Path file;
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"input\":1}"), row(LOGS, "{\"id\":\"b\",\"input\":2}")));
			file = store.rowsFile(LOGS);
		}
		// A crash in the middle of a write (kill -9) leaves a truncated last row.
		Files.writeString(file, "{\"id\":\"c\",\"inp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		try (LocalStore store = new LocalStore(this.directory)) {
			assertThat(store.readMergedRows(LOGS)).extracting((row) -> row.get("id").stringValue())
				.containsExactly("a", "b");
			store.append(List.of(row(LOGS, "{\"id\":\"d\",\"input\":4}")));
			assertThat(store.readMergedRows(LOGS)).extracting((row) -> row.get("id").stringValue())
				.containsExactly("a", "b", "d");
		}
		assertThat(Files.readString(file)).endsWith("{\"id\":\"d\",\"input\":4}\n").doesNotContain("\"inp\n");
		assertThat(output.getAll()).contains("removed an incomplete last row of 14 bytes");
	}

	@Test
	void fileTruncatedInsideTheFirstRowKeepsNothingButStaysUsable() throws IOException {
		Path file;
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"input\":1}")));
			file = store.rowsFile(LOGS);
		}
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(bytes, 7));
		try (LocalStore store = new LocalStore(this.directory)) {
			assertThat(store.readMergedRows(LOGS)).isEmpty();
			store.append(List.of(row(LOGS, "{\"id\":\"b\",\"input\":2}")));
			assertThat(store.readMergedRows(LOGS)).hasSize(1);
		}
	}

	@Test
	void readsOneTrace() {
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"root_span_id\":\"t1\"}"),
					row(LOGS, "{\"id\":\"b\",\"root_span_id\":\"t2\"}"),
					row(LOGS, "{\"id\":\"c\",\"root_span_id\":\"t1\"}")));
			assertThat(store.readTrace(LOGS, "t1")).extracting((row) -> row.get("id").stringValue())
				.containsExactly("a", "c");
		}
	}

	@Test
	void feedbackIsStoredAsTheSdksRows() {
		try (LocalStore store = new LocalStore(this.directory)) {
			store.append(List.of(row(LOGS, "{\"id\":\"a\",\"input\":1}"),
					new LogRow(LOGS, RowKind.FEEDBACK, "a",
							"{\"id\":\"a\",\"scores\":{\"ok\":1.0},\"comment\":\"nice\",\"source\":\"app\"}"
								.getBytes(StandardCharsets.UTF_8))));
			List<ObjectNode> rows = store.readMergedRows(LOGS);
			assertThat(rows).hasSize(2);
			assertThat(rows.get(0).get("scores").get("ok").doubleValue()).isEqualTo(1.0);
			assertThat(rows.get(1).get("comment").get("text").stringValue()).isEqualTo("nice");
			assertThat(rows.get(1).get("origin").get("id").stringValue()).isEqualTo("a");
		}
	}

	@Test
	void unwritableDirectoryIsAClearError() throws IOException {
		Path file = Files.writeString(this.directory.resolve("not-a-directory"), "x");
		assertThatExceptionOfType(LocalStoreException.class).isThrownBy(() -> new LocalStore(file.resolve("store")))
			.withMessageContaining("Cannot create the Braintrust local store directory");
	}

	@Test
	void namesAreMadeSafeForFilesWithoutCollisions() {
		assertThat(FileNames.safe("plain-name_1.0")).isEqualTo("plain-name_1.0");
		assertThat(FileNames.safe("a/b")).startsWith("a_b-").isNotEqualTo(FileNames.safe("a?b"));
		assertThat(FileNames.safe("..")).doesNotStartWith(".");
	}

	private static LogRow row(ObjectRef target, String json) {
		String id = json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		return new LogRow(target, RowKind.EVENT, id, json.getBytes(StandardCharsets.UTF_8));
	}

}

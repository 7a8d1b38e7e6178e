package dev.braintrust.spring.eval.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LocalDatasets}.
 *
 * @author Braintrust
 */
@Timeout(30)
class LocalDatasetsTests {

	@TempDir
	Path directory;

	private LocalStore store;

	private BraintrustLogger logger;

	private LocalDatasets datasets;

	@BeforeEach
	void setUp() {
		this.store = new LocalStore(this.directory);
		PipelineCounters counters = new PipelineCounters();
		this.logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("shop", null))
			.exporter(new LocalStoreExporter(this.store, counters))
			.counters(counters)
			.scheduleDelay(Duration.ofMillis(20))
			.build();
		this.datasets = new LocalDatasets(this.logger, this.store, "shop");
	}

	@AfterEach
	void tearDown() {
		this.logger.close();
	}

	@Test
	void insertsUpdatesDeletesAndFetches() {
		Dataset dataset = this.datasets.open("golden");
		String first = dataset.insert(DatasetRow.builder()
			.input(Map.of("question", "reset password?"))
			.expected("Use the recovery flow.")
			.metadata("source", "docs")
			.tags("account", "faq")
			.build());
		String second = dataset.insert("opening hours?", "9-17");
		String chosen = dataset
			.insert(DatasetRow.builder().id("fixed-id").input("refund?").expected("30 days").build());

		dataset.update(first,
				DatasetRow.builder()
					.expected("Use the account recovery flow.")
					.metadata("reviewed", true)
					.tags("account")
					.build());
		dataset.delete(second);
		List<DatasetRecord> records = dataset.fetchAll();

		assertThat(chosen).isEqualTo("fixed-id");
		assertThat(records).extracting(DatasetRecord::id).containsExactly(first, "fixed-id");
		DatasetRecord updated = records.get(0);
		assertThat(updated.input().path("question").asString()).isEqualTo("reset password?");
		assertThat(updated.expected().asString()).isEqualTo("Use the account recovery flow.");
		assertThat(updated.metadata().path("source").asString()).isEqualTo("docs");
		assertThat(updated.metadata().path("reviewed").asBoolean()).isTrue();
		assertThat(updated.tags()).containsExactly("account");
		assertThat(updated.xactId()).isNotNull();
		assertThat(updated.created()).isNotNull();
		assertThat(dataset.id()).isEqualTo("golden");
		assertThat(dataset.projectName()).isEqualTo("shop");
	}

	@Test
	void readsAnEarlierVersion() {
		Dataset dataset = this.datasets.open("golden");
		String first = dataset.insert("a", "1");
		dataset.insert("b", "2");
		String version = dataset.version();
		dataset.insert("c", "3");
		dataset.update(first, DatasetRow.builder().expected("changed").build());

		Dataset then = this.datasets.open(DatasetOptions.named("golden").atVersion(version));

		assertThat(then.fetchAll()).extracting((record) -> record.expected().asString()).containsExactly("1", "2");
		assertThat(then.version()).isEqualTo(version);
		assertThat(dataset.fetchAll()).extracting((record) -> record.expected().asString())
			.containsExactly("changed", "2", "3");
		assertThat(Long.parseLong(dataset.version())).isGreaterThan(Long.parseLong(version));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> then.insert("d", "4"))
			.withMessageContaining("opened at version " + version);
	}

	@Test
	void fetchesInPages() {
		Dataset dataset = this.datasets.open("paged");
		for (int i = 0; i < 5; i++) {
			dataset.insert("q" + i, "a" + i);
		}

		DatasetPage one = dataset.fetch(2, null);
		DatasetPage two = dataset.fetch(2, one.cursor());
		DatasetPage three = dataset.fetch(2, two.cursor());

		assertThat(one.records()).extracting(DatasetRecord::expected)
			.map((node) -> node.asString())
			.containsExactly("a0", "a1");
		assertThat(two.records()).extracting((record) -> record.expected().asString()).containsExactly("a2", "a3");
		assertThat(three.records()).extracting((record) -> record.expected().asString()).containsExactly("a4");
		assertThat(three.cursor()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> dataset.fetch(2, "not-a-cursor"))
			.withMessageContaining("Invalid dataset cursor");
		assertThatIllegalArgumentException().isThrownBy(() -> dataset.fetch(0, null));
	}

	@Test
	void summarizesAndPersists() {
		Dataset dataset = this.datasets.open(DatasetOptions.named("kept").withDescription("kept records"));
		dataset.insert("a", "1");
		dataset.insert("b", "2");

		DatasetSummary summary = dataset.summarize();
		Dataset reopened = new LocalDatasets(this.logger, this.store, "other")
			.open(DatasetOptions.named("kept").inProject("shop"));

		assertThat(summary.totalRecords()).isEqualTo(2);
		assertThat(summary.version()).isEqualTo(dataset.version());
		assertThat(summary.datasetUrl()).endsWith("kept.jsonl");
		assertThat(reopened.fetchAll()).hasSize(2);
		List<ObjectNode> raw = this.store.readRawRows(ObjectRef.dataset("shop", null, "kept", null));
		assertThat(raw).hasSize(2).allSatisfy((row) -> assertThat(row.has("_xact_id")).isTrue());
		assertThat(Long.parseLong(raw.get(1).path("_xact_id").asString()))
			.isGreaterThan(Long.parseLong(raw.get(0).path("_xact_id").asString()));
	}

	@Test
	void updatingAnUnknownRecordFails() {
		Dataset dataset = this.datasets.open("golden");

		assertThatIllegalArgumentException().isThrownBy(() -> dataset.update("nope", DatasetRow.of("x", "y")))
			.withMessageContaining("has no record with id nope");
	}

}

package dev.braintrust.spring.eval.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.export.FetchedRows;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer.RecordedRequest;
import dev.braintrust.spring.testsupport.RemoteLogging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RemoteDatasets} against the {@link FakeBraintrustServer}: real HTTP,
 * every request validated against Braintrust's OpenAPI spec.
 *
 * @author Braintrust
 */
@Timeout(60)
class RemoteDatasetsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RemoteLogging remote;

	private FakeBraintrustServer server;

	private RemoteDatasets datasets;

	@BeforeEach
	void start() {
		this.remote = RemoteLogging.start("qa team");
		this.server = this.remote.server();
		this.datasets = new RemoteDatasets(this.remote.logger(), this.remote.exporter(), "qa team");
	}

	@AfterEach
	void stop() {
		this.remote.close();
		this.server.assertNoValidationFailures();
	}

	@Test
	void openingCreatesTheDatasetOnceAndWritesAreInsertedWithTheOtherRows() {
		Dataset golden = this.datasets.open(DatasetOptions.named("golden").withDescription("curated"));
		Dataset again = this.datasets.open("golden");

		assertThat(again.id()).isEqualTo(golden.id());
		assertThat(this.server.requests("POST", "/v1/dataset")).singleElement()
			.satisfies((request) -> assertThat(json(request).path("description").asString()).isEqualTo("curated"));
		assertThat(this.server.state().datasets()).singleElement()
			.satisfies((dataset) -> assertThat(dataset.path("id").asString()).isEqualTo(golden.id()));
		String id = golden.insert(DatasetRow.builder()
			.input(Map.of("question", "2+2"))
			.expected("4")
			.metadata("source", "docs")
			.tags("math", "easy")
			.build());
		assertThat(this.server.requests("POST", "/v1/insert")).isEmpty();

		List<DatasetRecord> records = golden.fetchAll();

		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.id()).isEqualTo(id);
			assertThat(record.input().path("question").asString()).isEqualTo("2+2");
			assertThat(record.expected().asString()).isEqualTo("4");
			assertThat(record.metadata().path("source").asString()).isEqualTo("docs");
			assertThat(record.tags()).containsExactly("math", "easy");
			assertThat(record.xactId()).isNotBlank();
		});
		assertThat(this.server.requests("POST", "/v1/insert")).singleElement()
			.satisfies((request) -> assertThat(json(request).path("dataset").has(golden.id())).isTrue());
		assertThat(this.server.requests("POST", "/v1/dataset/" + golden.id() + "/fetch")).isNotEmpty();
	}

	@Test
	void anUpdateMergesMetadataAndReplacesInputExpectedAndTagsInOneBatchOrAcrossTwo() {
		Dataset golden = this.datasets.open("golden");
		String id = golden.insert(DatasetRow.builder()
			.input(Map.of("q", "first", "context", "long"))
			.expected("a")
			.metadata("source", "docs")
			.tags("x", "y")
			.build());
		// merged with the insert before it is sent
		golden.update(id,
				DatasetRow.builder().input(Map.of("q", "second")).tags("z").metadata("reviewed", true).build());

		DatasetRecord updated = single(golden.fetchAll());

		assertThat(updated.input()).hasToString("{\"q\":\"second\"}");
		assertThat(updated.expected().asString()).isEqualTo("a");
		assertThat(updated.tags()).containsExactly("z");
		assertThat(updated.metadata()).hasToString("{\"source\":\"docs\",\"reviewed\":true}");
		// merged by Braintrust with the stored record
		golden.update(id, DatasetRow.builder().expected("b").tags("w").build());

		DatasetRecord again = single(golden.fetchAll());

		assertThat(again.expected().asString()).isEqualTo("b");
		assertThat(again.tags()).containsExactly("w");
		assertThat(again.input()).hasToString("{\"q\":\"second\"}");
		List<JsonNode> sent = this.server.requests("POST", "/v1/insert")
			.stream()
			.map((request) -> json(request).path("dataset").path(golden.id()).path("events").get(0))
			.toList();
		assertThat(sent).last().satisfies((merge) -> {
			assertThat(merge.path("_is_merge").asBoolean()).isTrue();
			assertThat(merge.path("_merge_paths")).hasToString("[[\"expected\"],[\"tags\"]]");
			assertThat(merge.has("input")).isFalse();
		});
	}

	@Test
	void aDeletedRecordIsGoneFromTheLatestVersionButNotFromAnEarlierOne() {
		Dataset golden = this.datasets.open("golden");
		String a = golden.insert("a", "A");
		String b = golden.insert("b", "B");
		String before = golden.version();
		golden.delete(a);
		String c = golden.insert("c", "C");

		List<DatasetRecord> latest = golden.fetchAll();
		String after = golden.version();

		assertThat(latest).extracting(DatasetRecord::id).containsExactly(b, c);
		assertThat(after).isEqualTo(latest.stream().map(DatasetRecord::xactId).max(FetchedRows::compareXactIds).get());
		assertThat(FetchedRows.compareXactIds(after, before)).isPositive();
		Dataset then = this.datasets.open(DatasetOptions.named("golden").atVersion(before));
		assertThat(then.pinnedVersion()).isEqualTo(before);
		assertThat(then.version()).isEqualTo(before);
		assertThat(then.fetchAll()).extracting(DatasetRecord::id).containsExactly(a, b);
		assertThat(this.server.requests("POST", "/v1/dataset/" + golden.id() + "/fetch")).last()
			.satisfies((request) -> assertThat(json(request).path("version").asString()).isEqualTo(before));
		assertThatIllegalStateException().isThrownBy(() -> then.insert("d", "D"))
			.withMessageContaining("opened at version " + before);
		DatasetSnapshot snapshot = golden.snapshot();
		assertThat(snapshot.version()).isEqualTo(after);
		assertThat(snapshot.records()).extracting(DatasetRecord::id).containsExactly(b, c);
	}

	@Test
	void fetchReadsPageByPageWithBraintrustsCursor() {
		Dataset golden = this.datasets.open("golden");
		List<String> inserted = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			inserted.add(golden.insert("q" + i, "a" + i));
		}
		List<String> read = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String cursor = null;
		do {
			DatasetPage page = golden.fetch(3, cursor);
			page.records().forEach((record) -> read.add(record.id()));
			pageSizes.add(page.records().size());
			cursor = page.cursor();
		}
		while (cursor != null);

		assertThat(read).containsExactlyInAnyOrderElementsOf(inserted);
		assertThat(pageSizes).startsWith(3, 3, 1);
		List<RecordedRequest> fetches = this.server.requests("POST", "/v1/dataset/" + golden.id() + "/fetch");
		assertThat(fetches).allSatisfy((request) -> assertThat(json(request).path("limit").asInt()).isEqualTo(3));
		assertThat(json(fetches.get(1)).path("cursor").isString()).isTrue();
	}

	@Test
	void fetchAllReadsEveryPageOfALargeDatasetInInsertionOrder() {
		Dataset big = this.datasets.open("big");
		List<String> inserted = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			inserted.add(big.insert(i, i * 2));
		}

		List<DatasetRecord> records = big.fetchAll();

		assertThat(records).extracting(DatasetRecord::id).containsExactlyElementsOf(inserted);
		assertThat(this.server.requests("POST", "/v1/dataset/" + big.id() + "/fetch")).hasSizeGreaterThanOrEqualTo(2);
		assertThat(this.remote.logger().stats().dropped()).isZero();
	}

	@Test
	void summaryComesFromBraintrustWithTheDatasetsPageAndVersion() {
		Dataset golden = this.datasets.open("golden");
		String a = golden.insert("a", "A");
		golden.insert("b", "B");
		golden.insert("c", "C");
		String full = golden.version();
		golden.delete(a);

		DatasetSummary summary = golden.summarize();

		assertThat(summary.totalRecords()).isEqualTo(2);
		assertThat(summary.datasetId()).isEqualTo(golden.id());
		assertThat(summary.projectName()).isEqualTo("qa team");
		assertThat(summary.datasetName()).isEqualTo("golden");
		assertThat(summary.version()).isEqualTo(golden.version());
		assertThat(summary.datasetUrl()).isEqualTo(this.server.url() + "/app/fake-org/p/qa%20team/datasets/golden");
		assertThat(this.server.requests("GET", "/v1/dataset/" + golden.id() + "/summarize")).singleElement()
			.satisfies((request) -> assertThat(request.query()).containsEntry("summarize_data", List.of("true")));
		DatasetSummary then = this.datasets.open(DatasetOptions.named("golden").atVersion(full)).summarize();
		assertThat(then.totalRecords()).isEqualTo(3);
		assertThat(then.version()).isEqualTo(full);
	}

	@Test
	void theStateOfTheServerHoldsWhatTheDatasetReads() {
		Dataset golden = this.datasets.open("golden");
		golden.insert("a", "A");
		golden.flush();

		assertThat(this.server.state().mergedRows(ObjectType.DATASET, golden.id())).singleElement()
			.satisfies((row) -> assertThat(row.path("expected").asString()).isEqualTo("A"));
	}

	private static DatasetRecord single(List<DatasetRecord> records) {
		assertThat(records).hasSize(1);
		return records.get(0);
	}

	private static JsonNode json(RecordedRequest request) {
		return JSON.readTree(request.body());
	}

}

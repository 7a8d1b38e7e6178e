package dev.braintrust.spring.logger;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RowMerger}.
 *
 * @author Braintrust
 */
class RowMergerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ObjectRef LOGS = ObjectRef.projectLogs("p", null);

	@Test
	void spanStartedAndEndedInOneBatchBecomesOneReplacementRow() {
		List<PendingRow> merged = RowMerger.mergeBatch(List.of(
				row("{\"id\":\"r1\",\"span_id\":\"s\",\"root_span_id\":\"t\",\"created\":\"c1\","
						+ "\"metrics\":{\"start\":1},\"input\":\"q\",\"_is_merge\":false}"),
				row("{\"id\":\"r1\",\"span_id\":\"s\",\"root_span_id\":\"t\",\"output\":\"a\",\"_is_merge\":true}"),
				row("{\"id\":\"r1\",\"span_id\":\"s\",\"root_span_id\":\"t\",\"metrics\":{\"end\":2},"
						+ "\"_is_merge\":true}")));
		assertThat(merged).hasSize(1);
		assertThat(merged.get(0).row().toString())
			.isEqualTo("{\"id\":\"r1\",\"span_id\":\"s\",\"root_span_id\":\"t\",\"created\":\"c1\","
					+ "\"metrics\":{\"start\":1,\"end\":2},\"input\":\"q\",\"output\":\"a\"}");
	}

	@Test
	void mergeIntoMergeStaysAMerge() {
		ObjectNode merged = RowMerger.merge(node("{\"id\":\"r\",\"a\":{\"x\":1},\"_is_merge\":true}"),
				node("{\"id\":\"r\",\"a\":{\"y\":2},\"_is_merge\":true}"));
		assertThat(merged.toString()).isEqualTo("{\"id\":\"r\",\"a\":{\"x\":1,\"y\":2},\"_is_merge\":true}");
	}

	@Test
	void laterReplacementReplacesEverything() {
		ObjectNode merged = RowMerger.merge(node("{\"id\":\"r\",\"a\":1}"), node("{\"id\":\"r\",\"b\":2}"));
		assertThat(merged.toString()).isEqualTo("{\"id\":\"r\",\"b\":2}");
	}

	@Test
	void arraysAndScalarsAreReplacedButTagsAreUnited() {
		ObjectNode merged = RowMerger.merge(node("{\"id\":\"r\",\"tags\":[\"a\",\"b\"],\"output\":[1,2],\"x\":1}"),
				node("{\"id\":\"r\",\"tags\":[\"b\",\"c\"],\"output\":[3],\"x\":2,\"_is_merge\":true}"));
		assertThat(merged.toString()).isEqualTo("{\"id\":\"r\",\"tags\":[\"a\",\"b\",\"c\"],\"output\":[3],\"x\":2}");
	}

	@Test
	void mergePathsAreReplacedWholeTagsIncluded() {
		ObjectNode merged = RowMerger.merge(
				node("{\"id\":\"r\",\"tags\":[\"a\"],\"input\":{\"q\":1,\"ctx\":2},\"metadata\":{\"m\":1}}"),
				node("{\"id\":\"r\",\"tags\":[\"b\"],\"input\":{\"q\":3},\"metadata\":{\"n\":2},"
						+ "\"_merge_paths\":[[\"tags\"],[\"input\"]],\"_is_merge\":true}"));
		assertThat(merged.toString())
			.isEqualTo("{\"id\":\"r\",\"tags\":[\"b\"],\"input\":{\"q\":3},\"metadata\":{\"m\":1,\"n\":2}}");
	}

	@Test
	void nestedMergePathStopsTheDeepMergeThere() {
		ObjectNode merged = RowMerger.merge(node("{\"id\":\"r\",\"input\":{\"a\":{\"x\":1},\"b\":{\"y\":1}}}"),
				node("{\"id\":\"r\",\"input\":{\"a\":{\"z\":2},\"b\":{\"z\":2}},"
						+ "\"_merge_paths\":[[\"input\",\"a\"]],\"_is_merge\":true}"));
		assertThat(merged.toString()).isEqualTo("{\"id\":\"r\",\"input\":{\"a\":{\"z\":2},\"b\":{\"y\":1,\"z\":2}}}");
	}

	@Test
	void twoMergeRowsCombineTheirMergePaths() {
		ObjectNode merged = RowMerger.merge(
				node("{\"id\":\"r\",\"input\":{\"a\":1},\"_merge_paths\":[[\"input\"]],\"_is_merge\":true}"),
				node("{\"id\":\"r\",\"input\":{\"b\":2},\"tags\":[\"t\"],\"_merge_paths\":[[\"tags\"]],"
						+ "\"_is_merge\":true}"));
		// applied to a stored row, the combined row does what the two rows did one after
		// the other
		ObjectNode stored = node("{\"id\":\"r\",\"input\":{\"c\":3},\"tags\":[\"old\"]}");
		List<ObjectNode> replayed = RowMerger.replay(List.of(stored, merged));
		assertThat(replayed).singleElement().hasToString("{\"id\":\"r\",\"input\":{\"a\":1,\"b\":2},\"tags\":[\"t\"]}");
		assertThat(RowMerger.replay(List.of(stored.deepCopy(),
				node("{\"id\":\"r\",\"input\":{\"a\":1},\"_merge_paths\":[[\"input\"]],\"_is_merge\":true}"),
				node("{\"id\":\"r\",\"input\":{\"b\":2},\"tags\":[\"t\"],\"_merge_paths\":[[\"tags\"]],"
						+ "\"_is_merge\":true}"))))
			.isEqualTo(replayed);
	}

	@Test
	void spanIdentityKeepsTheEarlierValues() {
		ObjectNode merged = RowMerger
			.merge(node("{\"id\":\"r\",\"span_id\":\"s1\",\"root_span_id\":\"t1\",\"created\":\"c1\"}"), node(
					"{\"id\":\"r\",\"span_id\":\"s2\",\"root_span_id\":\"t2\",\"created\":\"c2\",\"_is_merge\":true}"));
		assertThat(merged.toString())
			.isEqualTo("{\"id\":\"r\",\"span_id\":\"s1\",\"root_span_id\":\"t1\",\"created\":\"c1\"}");
	}

	@Test
	void batchMergeKeepsFirstAppearanceOrderAndSeparatesObjects() {
		ObjectRef experiment = ObjectRef.newExperiment("p", null, "e", null);
		List<PendingRow> merged = RowMerger
			.mergeBatch(List.of(row("{\"id\":\"b\",\"v\":1}"), row("{\"id\":\"a\",\"v\":1}"),
					new PendingRow(experiment, RowKind.EVENT, node("{\"id\":\"b\",\"v\":9}")),
					row("{\"id\":\"b\",\"w\":2,\"_is_merge\":true}")));
		assertThat(merged).extracting((row) -> row.target().type() + ":" + row.row())
			.containsExactly("PROJECT_LOGS:{\"id\":\"b\",\"v\":1,\"w\":2}", "PROJECT_LOGS:{\"id\":\"a\",\"v\":1}",
					"EXPERIMENT:{\"id\":\"b\",\"v\":9}");
	}

	@Test
	void feedbackItemsAreNeverMerged() {
		List<PendingRow> merged = RowMerger
			.mergeBatch(List.of(new PendingRow(LOGS, RowKind.FEEDBACK, node("{\"id\":\"r\",\"scores\":{\"a\":1}}")),
					new PendingRow(LOGS, RowKind.FEEDBACK, node("{\"id\":\"r\",\"scores\":{\"b\":1}}"))));
		assertThat(merged).hasSize(2);
	}

	@Test
	void replayAppliesMergesReplacementsAndDeletes() {
		List<ObjectNode> rows = RowMerger.replay(List.of(node("{\"id\":\"a\",\"input\":1,\"_is_merge\":false}"),
				node("{\"id\":\"b\",\"input\":2}"), node("{\"id\":\"a\",\"output\":3,\"_is_merge\":true}"),
				node("{\"id\":\"b\",\"_object_delete\":true}"), node("{\"id\":\"c\",\"input\":4,\"_is_merge\":true}")));
		assertThat(rows).extracting(Object::toString)
			.containsExactly("{\"id\":\"a\",\"input\":1,\"output\":3}", "{\"id\":\"c\",\"input\":4}");
	}

	@Test
	void replayOwnedGivesWhatReplayGivesWithoutCopying() {
		List<String> log = List.of("{\"id\":\"a\",\"input\":1,\"_is_merge\":false}", "{\"id\":\"b\",\"input\":2}",
				"{\"id\":\"a\",\"output\":{\"x\":3},\"_is_merge\":true}", "{\"id\":\"b\",\"_object_delete\":true}",
				"{\"id\":\"c\",\"input\":4,\"_is_merge\":true}");
		List<ObjectNode> owned = log.stream().map(RowMergerTests::node).toList();
		List<ObjectNode> replayed = RowMerger.replay(log.stream().map(RowMergerTests::node).toList());
		List<ObjectNode> replayedOwned = RowMerger.replayOwned(owned);
		assertThat(replayedOwned).isEqualTo(replayed);
		// the first row of each id is the result itself, not a copy
		assertThat(replayedOwned.get(0)).isSameAs(owned.get(0));
	}

	private static PendingRow row(String json) {
		return new PendingRow(LOGS, RowKind.EVENT, node(json));
	}

	private static ObjectNode node(String json) {
		return (ObjectNode) JSON.readTree(json);
	}

}

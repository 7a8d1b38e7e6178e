package dev.braintrust.spring.eval.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowKind;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.logger.ValueCapture;
import dev.braintrust.spring.store.LocalStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dataset in the {@link LocalStore}; see {@link LocalDatasets}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class LocalDataset implements Dataset {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectRef ref;

	private final BraintrustLogger logger;

	private final LocalStore store;

	private final @Nullable String pinnedVersion;

	private final @Nullable Long pinned;

	LocalDataset(ObjectRef ref, BraintrustLogger logger, LocalStore store, @Nullable String pinnedVersion) {
		this.ref = ref;
		this.logger = logger;
		this.store = store;
		this.pinnedVersion = pinnedVersion;
		this.pinned = (pinnedVersion != null) ? parseVersion(pinnedVersion) : null;
	}

	@Override
	public String id() {
		return this.ref.key();
	}

	@Override
	public String name() {
		return this.ref.name();
	}

	@Override
	public String projectName() {
		return this.ref.projectName();
	}

	@Override
	public @Nullable String pinnedVersion() {
		return this.pinnedVersion;
	}

	@Override
	public String version() {
		return (this.pinnedVersion != null) ? this.pinnedVersion : Long.toString(snapshot().latestXactId());
	}

	@Override
	public String insert(DatasetRow row) {
		requireWritable();
		ValueCapture capture = this.logger.valueCapture();
		String id = (row.id() != null) ? row.id() : UUID.randomUUID().toString();
		ObjectNode event = NODES.objectNode();
		event.put("id", id);
		event.set("input", capture.capture(row.input()));
		event.set("expected", capture.capture(row.expected()));
		event.set("tags", tags(row.tags()));
		if (row.metadata() != null) {
			event.set("metadata", capture.capture(row.metadata()));
		}
		event.put("created", Instant.now().toString());
		emit(event);
		return id;
	}

	@Override
	public void update(String id, DatasetRow changes) {
		requireWritable();
		ObjectNode current = snapshot().rows()
			.stream()
			.filter((row) -> id.equals(row.path("id").asString(null)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Dataset '" + name() + "' has no record with id " + id));
		ValueCapture capture = this.logger.valueCapture();
		ObjectNode merge = NODES.objectNode();
		if (changes.hasInput()) {
			merge.set("input", capture.capture(changes.input()));
		}
		if (changes.hasExpected()) {
			merge.set("expected", capture.capture(changes.expected()));
		}
		if (changes.metadata() != null) {
			merge.set("metadata", capture.capture(changes.metadata()));
		}
		merge.put(RowMerger.IS_MERGE, true);
		// written as a whole record, so the store holds what Braintrust's merge produces:
		// objects merged, other values (tags included) replaced
		ObjectNode updated = RowMerger.merge(current.deepCopy(), merge);
		if (changes.tags() != null) {
			updated.set("tags", tags(changes.tags()));
		}
		updated.remove(RowMerger.IS_MERGE);
		emit(updated);
	}

	@Override
	public void delete(String id) {
		requireWritable();
		ObjectNode event = NODES.objectNode();
		event.put("id", id);
		event.put("created", Instant.now().toString());
		event.put("_object_delete", true);
		emit(event);
	}

	@Override
	public DatasetPage fetch(int limit, @Nullable String cursor) {
		if (limit < 1) {
			throw new IllegalArgumentException("The fetch limit must be at least 1, was " + limit);
		}
		int offset = parseCursor(cursor);
		List<DatasetRecord> records = read();
		int end = Math.min(records.size(), offset + limit);
		List<DatasetRecord> page = (offset < records.size()) ? records.subList(offset, end) : List.of();
		return new DatasetPage(page, (end < records.size()) ? Integer.toString(end) : null);
	}

	@Override
	public DatasetSummary summarize() {
		Snapshot snapshot = snapshot();
		String version = (this.pinnedVersion != null) ? this.pinnedVersion : Long.toString(snapshot.latestXactId());
		return new DatasetSummary(projectName(), name(), id(), this.store.rowsFile(this.ref).toString(),
				snapshot.rows().size(), version);
	}

	@Override
	public List<DatasetRecord> fetchAll() {
		// one read, rather than one per page
		return read();
	}

	@Override
	public boolean flush() {
		return this.logger.flush();
	}

	private List<DatasetRecord> read() {
		return snapshot().rows().stream().map(DatasetRecord::fromRow).toList();
	}

	/**
	 * Read the records visible at this dataset's version, once the queued writes are
	 * written.
	 */
	private Snapshot snapshot() {
		this.logger.flush();
		List<ObjectNode> visible = new ArrayList<>();
		long latest = 0;
		for (ObjectNode row : this.store.readRawRows(this.ref)) {
			long xactId = xactId(row);
			if (this.pinned == null || xactId <= this.pinned) {
				visible.add(row);
				latest = Math.max(latest, xactId);
			}
		}
		return new Snapshot(RowMerger.replay(visible), latest);
	}

	private void emit(ObjectNode event) {
		event.put("_xact_id", Long.toString(LocalDatasets.nextXactId()));
		this.logger.rowSink().emit(this.ref, RowKind.EVENT, event);
	}

	private void requireWritable() {
		if (this.pinnedVersion != null) {
			throw new IllegalStateException("Dataset '" + name() + "' was opened at version " + this.pinnedVersion
					+ " to read it as it was then; open it without a version to change it");
		}
	}

	private static JsonNode tags(@Nullable List<String> tags) {
		if (tags == null) {
			return NODES.nullNode();
		}
		ArrayNode array = NODES.arrayNode();
		tags.forEach(array::add);
		return array;
	}

	private static long xactId(JsonNode row) {
		JsonNode xact = row.get("_xact_id");
		if (xact == null || xact.isNull()) {
			return 0;
		}
		try {
			return Long.parseLong(xact.asString().trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static long parseVersion(String version) {
		try {
			return Long.parseLong(version.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"A local dataset version is a transaction id (a decimal number), was '" + version + "'", ex);
		}
	}

	private static int parseCursor(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return 0;
		}
		try {
			int offset = Integer.parseInt(cursor);
			if (offset >= 0) {
				return offset;
			}
		}
		catch (NumberFormatException ex) {
			// fall through to the error
		}
		throw new IllegalArgumentException("Invalid dataset cursor '" + cursor + "'; pass the cursor of the "
				+ "previous page, or null for the first page");
	}

	private record Snapshot(List<ObjectNode> rows, long latestXactId) {
	}

	@Override
	public String toString() {
		return "Dataset[project=" + projectName() + ", name=" + name()
				+ ((this.pinnedVersion != null) ? ", version=" + this.pinnedVersion : "") + "]";
	}

}

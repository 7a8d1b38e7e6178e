package dev.braintrust.spring.eval.dataset;

import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowMerger;
import dev.braintrust.spring.store.LocalStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dataset in the {@link LocalStore}; see {@link LocalDatasets}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class LocalDataset extends QueuedDataset {

	private final LocalStore store;

	private final @Nullable Long pinned;

	LocalDataset(ObjectRef ref, BraintrustLogger logger, LocalStore store, @Nullable String pinnedVersion) {
		super(ref, logger, pinnedVersion);
		this.store = store;
		String pinned = pinnedVersion();
		this.pinned = (pinned != null) ? parseVersion(pinned) : null;
	}

	@Override
	public String id() {
		return ref().key();
	}

	@Override
	public String version() {
		String pinned = pinnedVersion();
		return (pinned != null) ? pinned : Long.toString(readRows().latestXactId());
	}

	@Override
	public void update(String id, DatasetRow changes) {
		requireWritable();
		ObjectNode current = readRows().rows()
			.stream()
			.filter((row) -> id.equals(row.path("id").asString(null)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Dataset '" + name() + "' has no record with id " + id));
		// written as a whole record, so the store holds what Braintrust's merge produces
		emit(RowMerger.merge(current.deepCopy(), DatasetRows.update(logger().valueCapture(), id, changes)));
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
		Rows rows = readRows();
		return new DatasetSummary(projectName(), name(), id(), this.store.rowsFile(ref()).toString(),
				rows.rows().size(), version(rows));
	}

	@Override
	public List<DatasetRecord> fetchAll() {
		// one read, rather than one per page
		return read();
	}

	@Override
	public DatasetSnapshot snapshot() {
		Rows rows = readRows();
		return new DatasetSnapshot(rows.rows().stream().map(DatasetRecord::fromRow).toList(), version(rows));
	}

	private List<DatasetRecord> read() {
		return readRows().rows().stream().map(DatasetRecord::fromRow).toList();
	}

	private String version(Rows rows) {
		String pinned = pinnedVersion();
		return (pinned != null) ? pinned : Long.toString(rows.latestXactId());
	}

	/**
	 * Read the records visible at this dataset's version, once the queued writes are
	 * written.
	 */
	private Rows readRows() {
		logger().flush();
		List<ObjectNode> visible = new ArrayList<>();
		long latest = 0;
		for (ObjectNode row : this.store.readRawRows(ref())) {
			long xactId = xactId(row);
			if (this.pinned == null || xactId <= this.pinned) {
				visible.add(row);
				latest = Math.max(latest, xactId);
			}
		}
		return new Rows(RowMerger.replay(visible), latest);
	}

	@Override
	void emit(ObjectNode event) {
		event.put("_xact_id", Long.toString(LocalDatasets.nextXactId()));
		super.emit(event);
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

	private record Rows(List<ObjectNode> rows, long latestXactId) {
	}

}

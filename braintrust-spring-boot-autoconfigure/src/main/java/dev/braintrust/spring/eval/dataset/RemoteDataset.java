package dev.braintrust.spring.eval.dataset;

import java.util.List;
import java.util.Map;

import dev.braintrust.spring.export.BraintrustApiClient;
import dev.braintrust.spring.export.FetchedPage;
import dev.braintrust.spring.export.FetchedRows;
import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dataset in Braintrust; see {@link RemoteDatasets}.
 *
 * @author Braintrust
 */
final class RemoteDataset implements Dataset {

	private final ObjectRef ref;

	private final String id;

	private final BraintrustLogger logger;

	private final HttpLogExporter exporter;

	private final BraintrustApiClient client;

	private final @Nullable String pinnedVersion;

	RemoteDataset(ObjectRef ref, String id, BraintrustLogger logger, HttpLogExporter exporter,
			@Nullable String pinnedVersion) {
		this.ref = ref;
		this.id = id;
		this.logger = logger;
		this.exporter = exporter;
		this.client = exporter.apiClient();
		this.pinnedVersion = (pinnedVersion != null && !pinnedVersion.isBlank()) ? pinnedVersion.trim() : null;
	}

	@Override
	public String id() {
		return this.id;
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
		return (this.pinnedVersion != null) ? this.pinnedVersion : snapshot().version();
	}

	@Override
	public String insert(DatasetRow row) {
		DatasetRows.requireWritable(this);
		ObjectNode event = DatasetRows.insert(this.logger.valueCapture(), row);
		emit(event);
		return event.path("id").asString();
	}

	@Override
	public void update(String id, DatasetRow changes) {
		DatasetRows.requireWritable(this);
		emit(DatasetRows.update(this.logger.valueCapture(), id, changes));
	}

	@Override
	public void delete(String id) {
		DatasetRows.requireWritable(this);
		emit(DatasetRows.delete(id));
	}

	@Override
	public DatasetPage fetch(int limit, @Nullable String cursor) {
		if (limit < 1) {
			throw new IllegalArgumentException("The fetch limit must be at least 1, was " + limit);
		}
		this.logger.flush();
		FetchedPage page = this.client.fetchPage(ObjectType.DATASET, this.id, limit, cursor, this.pinnedVersion);
		return new DatasetPage(page.rows().stream().map(DatasetRecord::fromRow).toList(), page.cursor());
	}

	@Override
	public List<DatasetRecord> fetchAll() {
		return snapshot().records();
	}

	@Override
	public DatasetSnapshot snapshot() {
		this.logger.flush();
		FetchedRows rows = this.client.fetchAll(ObjectType.DATASET, this.id, this.pinnedVersion);
		String version = (this.pinnedVersion != null) ? this.pinnedVersion
				: ((rows.maxXactId() != null) ? rows.maxXactId() : "0");
		return new DatasetSnapshot(rows.rows().stream().map(DatasetRecord::fromRow).toList(), version);
	}

	/**
	 * Summarize with {@code GET /v1/dataset/{id}/summarize}. Braintrust counts the
	 * records of the latest version; a dataset opened at a version counts its own.
	 */
	@Override
	public DatasetSummary summarize() {
		DatasetSnapshot snapshot = snapshot();
		JsonNode answer = this.client.get("/v1/dataset/" + BraintrustApiClient.pathSegment(this.id) + "/summarize",
				Map.of("summarize_data", this.pinnedVersion == null));
		JsonNode total = answer.path("data_summary").path("total_records");
		long records = (this.pinnedVersion == null && total.isIntegralNumber()) ? total.asLong()
				: snapshot.records().size();
		String url = this.exporter.permalinks().objectUrl(ObjectType.DATASET, projectName(), name());
		return new DatasetSummary(projectName(), name(), this.id,
				(url != null) ? url : answer.path("dataset_url").asString(null), records, snapshot.version());
	}

	@Override
	public boolean flush() {
		return this.logger.flush();
	}

	private void emit(ObjectNode event) {
		this.logger.rowSink().emit(this.ref, RowKind.EVENT, event);
	}

	@Override
	public String toString() {
		return "Dataset[project=" + projectName() + ", name=" + name() + ", id=" + this.id
				+ ((this.pinnedVersion != null) ? ", version=" + this.pinnedVersion : "") + "]";
	}

}

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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A dataset in Braintrust; see {@link RemoteDatasets}.
 *
 * @author Braintrust
 */
final class RemoteDataset extends QueuedDataset {

	private final String id;

	private final HttpLogExporter exporter;

	private final BraintrustApiClient client;

	RemoteDataset(ObjectRef ref, String id, BraintrustLogger logger, HttpLogExporter exporter,
			@Nullable String pinnedVersion) {
		super(ref, logger, pinnedVersion);
		this.id = id;
		this.exporter = exporter;
		this.client = exporter.apiClient();
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String version() {
		String pinned = pinnedVersion();
		return (pinned != null) ? pinned : snapshot().version();
	}

	@Override
	public void update(String id, DatasetRow changes) {
		requireWritable();
		emit(DatasetRows.update(logger().valueCapture(), id, changes));
	}

	@Override
	public DatasetPage fetch(int limit, @Nullable String cursor) {
		if (limit < 1) {
			throw new IllegalArgumentException("The fetch limit must be at least 1, was " + limit);
		}
		logger().flush();
		FetchedPage page = this.client.fetchPage(ObjectType.DATASET, this.id, limit, cursor, pinnedVersion());
		return new DatasetPage(page.rows().stream().map(DatasetRecord::fromRow).toList(), page.cursor());
	}

	@Override
	public List<DatasetRecord> fetchAll() {
		return snapshot().records();
	}

	@Override
	public DatasetSnapshot snapshot() {
		logger().flush();
		String pinned = pinnedVersion();
		FetchedRows rows = this.client.fetchAll(ObjectType.DATASET, this.id, pinned);
		String latest = rows.maxXactId();
		String version = (pinned != null) ? pinned : ((latest != null) ? latest : "0");
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
				Map.of("summarize_data", pinnedVersion() == null));
		JsonNode total = answer.path("data_summary").path("total_records");
		long records = (pinnedVersion() == null && total.isIntegralNumber()) ? total.asLong()
				: snapshot.records().size();
		String url = this.exporter.permalinks().objectUrl(ObjectType.DATASET, projectName(), name());
		return new DatasetSummary(projectName(), name(), this.id,
				(url != null) ? url : answer.path("dataset_url").asString(null), records, snapshot.version());
	}

}

package dev.braintrust.spring.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Delivers rows with {@code POST /v1/insert}: registers their objects first, counts what
 * was sent, and settles what can never be sent (a 4xx answer, a row too large for any
 * request) with one clear warning naming the status, the server's message and the row
 * ids, a failed-payload file when configured, and the rejected count. Transient failures
 * are handed back to the caller, which decides between retrying, spooling and dropping.
 *
 * @author Braintrust
 */
final class InsertDelivery {

	private static final Log logger = LogFactory.getLog(HttpLogExporter.class);

	private static final int MAX_IDS_LOGGED = 100;

	private final BraintrustApi api;

	private final ObjectRegistry registry;

	private final InsertBatcher batcher;

	private final PipelineCounters counters;

	private final FailedPayloads failedPayloads;

	private final RejectionLog rejections = new RejectionLog(logger, 10, Duration.ofMinutes(1));

	InsertDelivery(BraintrustApi api, ObjectRegistry registry, InsertBatcher batcher, PipelineCounters counters,
			FailedPayloads failedPayloads) {
		this.api = api;
		this.registry = registry;
		this.batcher = batcher;
		this.counters = counters;
		this.failedPayloads = failedPayloads;
	}

	InsertBatcher batcher() {
		return this.batcher;
	}

	/**
	 * Try once to deliver the rows of one request: resolve their objects, then insert.
	 * @param rows rows that fit in one request
	 * @return the rows settled, or those left after a transient failure
	 * @throws InterruptedException when interrupted while waiting for Braintrust
	 */
	Attempt attempt(List<LogRow> rows) throws InterruptedException {
		Map<ObjectRef, RemoteIds> ids = new HashMap<>();
		Set<ObjectRef> rejected = new HashSet<>();
		ApiResponse transientFailure = null;
		Map<ObjectRef, List<LogRow>> byTarget = rows.stream()
			.collect(Collectors.groupingBy(LogRow::target, LinkedHashMap::new, Collectors.toList()));
		for (Map.Entry<ObjectRef, List<LogRow>> target : byTarget.entrySet()) {
			if (transientFailure != null) {
				// Braintrust is failing: do not wait for more registrations in this
				// attempt
				RemoteIds known = this.registry.known(target.getKey());
				if (known != null) {
					ids.put(target.getKey(), known);
				}
				continue;
			}
			Registration registration = this.registry.resolve(target.getKey());
			ApiResponse failure = registration.failure();
			if (registration.ids() != null) {
				ids.put(target.getKey(), registration.ids());
			}
			else if (failure != null && failure.isRejected()) {
				reject(target.getValue(), failure);
				rejected.add(target.getKey());
			}
			else {
				transientFailure = failure;
			}
		}
		List<LogRow> sendable = rows.stream().filter((row) -> ids.containsKey(row.target())).toList();
		List<LogRow> waiting = rows.stream()
			.filter((row) -> !ids.containsKey(row.target()) && !rejected.contains(row.target()))
			.toList();
		Attempt inserted = sendable.isEmpty() ? Attempt.SETTLED : insert(sendable, ids);
		if (waiting.isEmpty() || transientFailure == null) {
			return inserted;
		}
		List<LogRow> remaining = new ArrayList<>(waiting);
		remaining.addAll(inserted.remaining());
		return Attempt.retry(inOrder(rows, remaining), transientFailure.describe(), transientFailure.retryAfter());
	}

	private Attempt insert(List<LogRow> rows, Map<ObjectRef, RemoteIds> ids) throws InterruptedException {
		ApiResponse response = this.api.post("/v1/insert", InsertPayload.build(rows, ids));
		if (response.isSuccess()) {
			this.counters.recordSent(rows.size());
			this.registry.lookUpOrgNameIfNeeded();
			return Attempt.SETTLED;
		}
		if (response.status() == 413 && rows.size() > 1) {
			// the server's limit is lower than braintrust.export.max-request-size: halve
			List<LogRow> first = rows.subList(0, rows.size() / 2);
			List<LogRow> second = rows.subList(rows.size() / 2, rows.size());
			Attempt a = insert(first, ids);
			if (!a.settled()) {
				// keep the order: the second half waits for the first
				List<LogRow> remaining = new ArrayList<>(a.remaining());
				remaining.addAll(second);
				return Attempt.retry(remaining, a.errorOrUnknown(), a.retryAfter());
			}
			return insert(second, ids);
		}
		if (response.isRejected()) {
			reject(rows, response);
			return Attempt.SETTLED;
		}
		return Attempt.retry(rows, response.describe(), response.retryAfter());
	}

	/**
	 * Settle rows Braintrust refused for good.
	 * @param rows the rows
	 * @param response the refusal
	 */
	void reject(List<LogRow> rows, ApiResponse response) {
		String message = response.message();
		Path file = this.failedPayloads.write(response.describe(), rows, this.registry::known);
		this.counters.recordRejected(rows.size());
		this.counters.recordFailure("HTTP " + response.status() + " from " + response.operation() + " for "
				+ rows.size() + " row(s)" + (message.isEmpty() ? "" : ": " + message));
		this.rejections.log("Braintrust rejected " + rows.size() + " row(s) with HTTP " + response.status() + " on "
				+ response.operation() + ", not retrying: "
				+ (message.isEmpty() ? "(no message)" : "\"" + message + "\"") + "; row ids: " + ids(rows)
				+ saved(file));
	}

	/**
	 * Settle rows too large for any request.
	 * @param rows the rows
	 */
	void rejectOversize(List<LogRow> rows) {
		for (LogRow row : rows) {
			String reason = "row " + row.id() + " is " + row.json().length + " bytes, more than "
					+ "braintrust.export.max-request-size (" + this.batcher.maxBytes() + " bytes) allows";
			Path file = this.failedPayloads.write(reason, List.of(row), this.registry::known);
			this.counters.recordRejected(1);
			this.counters.recordFailure("Braintrust " + reason);
			this.rejections.log("Braintrust row " + row.id() + " of " + row.target() + " was not sent: it is "
					+ row.json().length + " bytes, more than braintrust.export.max-request-size ("
					+ this.batcher.maxBytes() + " bytes) allows" + saved(file));
		}
	}

	/**
	 * Settle rows that could not be delivered and have nowhere to wait.
	 * @param rows the rows
	 * @param error the last failure
	 * @return the failed-payload file, or null
	 */
	@Nullable Path drop(List<LogRow> rows, String error) {
		Path file = this.failedPayloads.write("undeliverable: " + error, rows, this.registry::known);
		this.counters.recordDropped(rows.size());
		this.counters.recordFailure(error);
		return file;
	}

	static String ids(List<LogRow> rows) {
		Set<String> ids = new LinkedHashSet<>();
		for (LogRow row : rows) {
			ids.add(row.id());
		}
		List<String> all = new ArrayList<>(ids);
		if (all.size() <= MAX_IDS_LOGGED) {
			return String.join(", ", all);
		}
		return String.join(", ", all.subList(0, MAX_IDS_LOGGED)) + " and " + (all.size() - MAX_IDS_LOGGED) + " more";
	}

	static String saved(@Nullable Path file) {
		return (file != null) ? "; rows written to " + file : "";
	}

	private static List<LogRow> inOrder(List<LogRow> original, List<LogRow> subset) {
		Set<LogRow> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
		wanted.addAll(subset);
		return original.stream().filter(wanted::contains).toList();
	}

}

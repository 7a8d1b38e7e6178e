package dev.braintrust.spring.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RateLimitedWarning;
import dev.braintrust.spring.logger.PipelineCounters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends rows to Braintrust's REST API: every kind of row, batched through
 * {@code POST /v1/insert}, after lazily registering their projects, experiments and
 * datasets. Build one with {@link #builder(String, String)}.
 * <p>
 * <strong>Delivery.</strong> Each request is retried with exponential backoff and full
 * jitter on connection errors, timeouts, 5xx and 429 (honouring {@code Retry-After}), at
 * most {@code maxRetries} times. A 4xx that can never succeed is not retried: it is
 * logged once with the status, the server's message and the row ids, and counted as
 * rejected. So is a single row too large for any request.
 * <p>
 * <strong>Outages.</strong> Without a spool, the pipeline's worker waits through a
 * request's retries (rows wait in the logger's bounded queue meanwhile) and then drops
 * the request's rows, counted. With a spool directory, a request whose retries are
 * exhausted goes to the disk spool, and so does every later batch until the spool is
 * empty again, so the worker never blocks for longer than one request's retries and rows
 * stay in order. A background thread retries the oldest spooled request with backoff
 * until Braintrust answers, then drains the spool in order; a spool left by an earlier
 * run is drained the same way.
 * <p>
 * <strong>Guarantee.</strong> At-least-once, in order per object: a request that timed
 * out may have been stored and is sent again, and a crash re-sends the spooled rows after
 * the last committed request. Re-sending is safe because rows carry ids: a replacement
 * row replaces, a merge row merges to the same result.
 * <p>
 * The API key is sent only as {@code Authorization: Bearer}; it never appears in logs,
 * exception messages or {@link #toString()}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class HttpLogExporter implements LogExporter {

	private static final Log logger = LogFactory.getLog(HttpLogExporter.class);

	private static final ApiResponse REGISTERED = new ApiResponse("register", 200, new byte[0], null, null);

	private final BraintrustApi api;

	private final BraintrustApiClient client;

	private final ObjectRegistry registry;

	private final InsertDelivery delivery;

	private final InsertBatcher batcher;

	private final PipelineCounters counters;

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final int maxRetries;

	private final String appUrl;

	private final @Nullable DiskSpool spool;

	private final @Nullable SpoolDrainer drainer;

	private final RateLimitedWarning dropWarning;

	private final AtomicBoolean outage = new AtomicBoolean();

	private final AtomicBoolean shutdown = new AtomicBoolean();

	private final ReentrantLock exporting = new ReentrantLock();

	HttpLogExporter(BraintrustApi api, ObjectRegistry registry, InsertBatcher batcher, PipelineCounters counters,
			FailedPayloads failedPayloads, Backoff backoff, Sleeper sleeper, int maxRetries, String appUrl,
			@Nullable DiskSpool spool, Duration warningInterval) {
		this.api = api;
		this.client = new BraintrustApiClient(api, backoff, sleeper, maxRetries);
		this.registry = registry;
		this.batcher = batcher;
		this.counters = counters;
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.maxRetries = maxRetries;
		this.appUrl = appUrl;
		this.delivery = new InsertDelivery(api, registry, batcher, counters, failedPayloads);
		this.dropWarning = new RateLimitedWarning(logger, warningInterval);
		this.spool = spool;
		if (spool != null) {
			this.drainer = new SpoolDrainer(spool, this.delivery, registry, backoff, sleeper, counters,
					batcher.maxRows(), batcher.maxBytes(), this::spoolEmptied);
			this.drainer.start();
		}
		else {
			this.drainer = null;
		}
	}

	/**
	 * Start building an exporter.
	 * @param apiUrl the URL of Braintrust's data API, such as
	 * {@code https://api.braintrust.dev}
	 * @param apiKey the API key
	 * @return the builder
	 */
	public static HttpLogExporterBuilder builder(String apiUrl, String apiKey) {
		return new HttpLogExporterBuilder(apiUrl, apiKey);
	}

	@Override
	public void export(List<LogRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.exporting.lock();
		try {
			exportInOrder(rows);
		}
		finally {
			this.exporting.unlock();
		}
	}

	private void exportInOrder(List<LogRow> rows) {
		if (this.spool != null && this.spool.hasPending()) {
			// an outage is under way (or the spool is still draining): keep the order
			spool(rows, null);
			return;
		}
		InsertBatcher.Split split = this.batcher.split(rows);
		if (!split.oversize().isEmpty()) {
			this.delivery.rejectOversize(split.oversize());
		}
		List<List<LogRow>> requests = split.requests();
		for (int i = 0; i < requests.size(); i++) {
			Attempt attempt = deliverWithRetries(requests.get(i));
			if (attempt.settled()) {
				continue;
			}
			if (this.spool != null) {
				List<LogRow> remaining = new ArrayList<>(attempt.remaining());
				for (int j = i + 1; j < requests.size(); j++) {
					remaining.addAll(requests.get(j));
				}
				// the spool's thread takes over, after the wait a next retry would need
				this.drainer.holdOff(this.backoff.delay(this.maxRetries, attempt.retryAfter()));
				spool(remaining, attempt.errorOrUnknown());
				return;
			}
			drop(attempt.remaining(), attempt.errorOrUnknown());
		}
	}

	/**
	 * Try a request, retrying transient failures with backoff.
	 * @return the rows settled, or those left when the retries are exhausted
	 */
	private Attempt deliverWithRetries(List<LogRow> rows) {
		Attempt attempt = Attempt.retry(rows, "not sent", null);
		try {
			attempt = this.delivery.attempt(rows);
			int retry = 0;
			while (!attempt.settled() && retry < this.maxRetries && !this.shutdown.get()) {
				Duration delay = this.backoff.delay(retry, attempt.retryAfter());
				if (this.spool != null && delay.compareTo(this.backoff.max()) > 0) {
					// a long Retry-After: let the spool wait it out, not the pipeline's
					// worker
					break;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Braintrust request failed (" + attempt.errorOrUnknown() + "); retry " + (retry + 1)
							+ " of " + this.maxRetries + " in " + delay.toMillis() + " ms");
				}
				this.sleeper.sleep(delay);
				this.counters.recordRetried(attempt.remaining().size());
				attempt = this.delivery.attempt(attempt.remaining());
				retry++;
			}
			return attempt;
		}
		catch (InterruptedException ex) {
			// the logger is shutting down: keep the interrupt, settle the rows left now
			Thread.currentThread().interrupt();
			return Attempt.retry(attempt.remaining(), "interrupted while sending to Braintrust", null);
		}
	}

	private void spool(List<LogRow> rows, @Nullable String error) {
		DiskSpool spool = this.spool;
		List<byte[]> lines = new ArrayList<>(rows.size());
		for (LogRow row : rows) {
			lines.add(RowRecords.encode(row, this.registry.known(row.target())));
		}
		int appended = spool.append(lines);
		this.counters.recordSpooled(appended);
		if (error != null && this.outage.compareAndSet(false, true)) {
			this.counters.recordFailure(error);
			logger.warn("Braintrust is unreachable (" + error + "); rows are kept in the spool " + spool.directory()
					+ " and will be sent, in order, when it answers again");
		}
		if (appended < rows.size()) {
			List<LogRow> lost = rows.subList(appended, rows.size());
			boolean full = !spool.hasRoomFor(lines.get(appended).length);
			String reason = "the spool " + spool.directory() + (full ? " is full" : " cannot be written");
			this.delivery.drop(lost, reason);
			this.dropWarning.add(lost.size(), (count) -> "Dropped " + count + " Braintrust row(s) because " + reason
					+ (full ? "; raise braintrust.export.max-spool-size" : ""));
		}
		if (this.drainer != null) {
			this.drainer.wake();
		}
	}

	private void drop(List<LogRow> rows, String error) {
		Path file = this.delivery.drop(rows, error);
		this.dropWarning.add(rows.size(),
				(count) -> "Dropped " + count + " Braintrust row(s) that could not be sent after " + this.maxRetries
						+ " retries (last error: " + error + ")" + InsertDelivery.saved(file)
						+ ". Set braintrust.export.spool-directory to keep rows on disk while Braintrust is "
						+ "unreachable.");
	}

	private void spoolEmptied() {
		if (this.outage.compareAndSet(true, false)) {
			logger.info("Braintrust answers again; the rows spooled during the outage were sent");
		}
	}

	/**
	 * Force spooled rows to disk; rows handed to {@link #export} are already sent,
	 * spooled or counted.
	 */
	@Override
	public void flush() {
		if (this.spool != null) {
			this.spool.force();
		}
	}

	/**
	 * Stop the spool's thread and close the spool; rows still spooled are sent by the
	 * next run. Idempotent.
	 */
	@Override
	public void shutdown() {
		if (!this.shutdown.compareAndSet(false, true)) {
			return;
		}
		if (this.drainer != null) {
			this.drainer.stop(Duration.ofSeconds(5));
		}
		if (this.spool != null) {
			// let an export that is being cut short put its rows in the spool first
			boolean locked = false;
			try {
				locked = this.exporting.tryLock(2, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			try {
				this.spool.close();
			}
			finally {
				if (locked) {
					this.exporting.unlock();
				}
			}
		}
	}

	/**
	 * The Braintrust id rows of an object are filed under, once known: the project id for
	 * project logs, else the experiment or dataset id. Never touches the network.
	 * @param target the object
	 * @return the id, or null until the object is registered
	 */
	public @Nullable String objectId(ObjectRef target) {
		RemoteIds ids = this.registry.known(target);
		return (ids != null) ? ids.objectId() : null;
	}

	/**
	 * The Braintrust project id of an object, once known. Never touches the network.
	 * @param target the object
	 * @return the project id, or null until the object is registered (or when only the
	 * object's own id is known)
	 */
	public @Nullable String projectId(ObjectRef target) {
		RemoteIds ids = this.registry.known(target);
		return (ids != null) ? ids.projectId() : null;
	}

	/**
	 * The Braintrust id of an object, registering it (and its project) first when needed,
	 * as the first export of its rows would: for code that needs the id before or without
	 * exporting, such as the eval runner. Blocks while Braintrust answers, retries
	 * included; loggers never call it, they register lazily on the pipeline's thread.
	 * @param target the object
	 * @return the id rows of the object are filed under: the project id for project logs,
	 * else the experiment or dataset id
	 * @throws BraintrustApiException when Braintrust refuses the registration or cannot
	 * be reached
	 */
	public String resolve(ObjectRef target) {
		RemoteIds known = this.registry.known(target);
		if (known != null) {
			return known.objectId();
		}
		this.client.send(() -> {
			Registration registration = this.registry.resolve(target);
			ApiResponse failure = registration.failure();
			return (registration.ids() != null || failure == null) ? REGISTERED : failure;
		});
		RemoteIds ids = this.registry.known(target);
		if (ids == null) {
			throw new BraintrustApiException("Braintrust did not register " + target, 0);
		}
		return ids.objectId();
	}

	/**
	 * The client this exporter sends its requests with, for other calls to Braintrust's
	 * REST API with the same URL, key, timeouts, TLS settings and retries.
	 * @return the client
	 */
	public BraintrustApiClient apiClient() {
		return this.client;
	}

	/**
	 * The name of the Braintrust organization: configured, or learned after the first
	 * registration.
	 * @return the name, or null while unknown
	 */
	public @Nullable String orgName() {
		return this.registry.orgName();
	}

	/**
	 * Links to rows in the Braintrust app.
	 * @return the resolver
	 */
	public RemotePermalinkResolver permalinks() {
		return new RemotePermalinkResolver(this.appUrl, this::orgName, this::objectId);
	}

	/**
	 * The bytes waiting in the disk spool.
	 * @return the size, 0 without a spool
	 */
	public long spooledBytes() {
		return (this.spool != null) ? this.spool.sizeBytes() : 0;
	}

	/**
	 * Whether rows wait in the disk spool.
	 * @return true when the spool is not empty
	 */
	public boolean hasSpooledRows() {
		return this.spool != null && this.spool.hasPending();
	}

	@Override
	public String toString() {
		return "HttpLogExporter[url=" + this.api.baseUrl() + ", apiKey=(set)"
				+ ((this.spool != null) ? ", spool=" + this.spool.directory() : "") + "]";
	}

}

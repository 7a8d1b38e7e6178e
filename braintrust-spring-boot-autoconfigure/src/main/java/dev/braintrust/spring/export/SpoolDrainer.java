package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.PendingRow;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.logger.RowMerger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The background thread ({@code braintrust-export-spool}) that sends spooled rows, oldest
 * first, and is the exporter's health probe during an outage: it retries the oldest
 * request with exponential backoff (honouring {@code Retry-After}) until Braintrust
 * answers, then drains the spool and reports it empty. Lines are consumed only once their
 * rows are settled, so a crash re-sends them (at-least-once).
 *
 * @author Braintrust
 */
final class SpoolDrainer implements Runnable {

	private static final Log logger = LogFactory.getLog(HttpLogExporter.class);

	private static final Duration IDLE_POLL = Duration.ofSeconds(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DiskSpool spool;

	private final InsertDelivery delivery;

	private final ObjectRegistry registry;

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final PipelineCounters counters;

	private final int maxRows;

	private final long maxBytes;

	private final Runnable onEmpty;

	private final Object monitor = new Object();

	private final Thread thread;

	private volatile boolean running = true;

	private boolean wakeRequested;

	private @Nullable Duration holdOff;

	SpoolDrainer(DiskSpool spool, InsertDelivery delivery, ObjectRegistry registry, Backoff backoff, Sleeper sleeper,
			PipelineCounters counters, int maxRows, long maxBytes, Runnable onEmpty) {
		this.spool = spool;
		this.delivery = delivery;
		this.registry = registry;
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.counters = counters;
		this.maxRows = maxRows;
		this.maxBytes = maxBytes;
		this.onEmpty = onEmpty;
		this.thread = new Thread(this, "braintrust-export-spool");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Tell the drainer rows were spooled.
	 */
	void wake() {
		synchronized (this.monitor) {
			this.wakeRequested = true;
			this.monitor.notifyAll();
		}
	}

	/**
	 * Wait before the next try: the pipeline just failed to reach Braintrust, perhaps
	 * with a {@code Retry-After}.
	 * @param wait how long
	 */
	void holdOff(Duration wait) {
		synchronized (this.monitor) {
			this.holdOff = wait;
		}
		wake();
	}

	private @Nullable Duration takeHoldOff() {
		synchronized (this.monitor) {
			Duration wait = this.holdOff;
			this.holdOff = null;
			return wait;
		}
	}

	/**
	 * Stop the thread; spooled rows stay on disk for the next run.
	 * @param timeout how long to wait for the thread to end
	 */
	void stop(Duration timeout) {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void run() {
		int failures = 0;
		DiskSpool.Chunk chunk = null;
		List<LogRow> rows = List.of();
		while (this.running) {
			try {
				if (chunk == null) {
					chunk = this.spool.read(this.maxRows, this.maxBytes);
					if (chunk == null) {
						this.onEmpty.run();
						awaitWork();
						continue;
					}
					rows = decode(chunk);
				}
				Duration wait = takeHoldOff();
				if (wait != null) {
					this.sleeper.sleep(wait);
				}
				Attempt attempt = deliverInOrder(rows);
				if (attempt.settled()) {
					this.spool.commit(chunk);
					chunk = null;
					failures = 0;
					continue;
				}
				rows = attempt.remaining();
				this.counters.recordFailure(attempt.errorOrUnknown());
				Duration delay = this.backoff.delay(failures++, attempt.retryAfter());
				if (logger.isDebugEnabled()) {
					logger.debug("Braintrust still unreachable (" + attempt.errorOrUnknown() + "); next try in "
							+ delay.toMillis() + " ms");
				}
				this.sleeper.sleep(delay);
				this.counters.recordRetried(rows.size());
			}
			catch (InterruptedException ex) {
				if (!this.running) {
					return;
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Braintrust export spool drainer failed; trying again", ex);
				try {
					this.sleeper.sleep(this.backoff.max());
				}
				catch (InterruptedException interrupted) {
					if (!this.running) {
						return;
					}
				}
			}
		}
	}

	/** Send rows request by request; stop at the first transient failure. */
	private Attempt deliverInOrder(List<LogRow> rows) throws InterruptedException {
		InsertBatcher.Split split = this.delivery.batcher().split(rows);
		if (!split.oversize().isEmpty()) {
			this.delivery.rejectOversize(split.oversize());
		}
		List<List<LogRow>> requests = split.requests();
		for (int i = 0; i < requests.size(); i++) {
			Attempt attempt = this.delivery.attempt(requests.get(i));
			if (!attempt.settled()) {
				List<LogRow> remaining = new ArrayList<>(attempt.remaining());
				for (int j = i + 1; j < requests.size(); j++) {
					remaining.addAll(requests.get(j));
				}
				return Attempt.retry(remaining, attempt.errorOrUnknown(), attempt.retryAfter());
			}
		}
		return Attempt.SETTLED;
	}

	private List<LogRow> decode(DiskSpool.Chunk chunk) {
		List<LogRow> rows = new ArrayList<>(chunk.lines().size());
		int corrupt = 0;
		for (byte[] line : chunk.lines()) {
			try {
				RowRecords.Decoded decoded = RowRecords.decode(line);
				if (decoded.ids() != null) {
					this.registry.remember(decoded.row().target(), decoded.ids());
				}
				rows.add(decoded.row());
			}
			catch (RuntimeException ex) {
				corrupt++;
			}
		}
		rows = merge(rows);
		if (corrupt > 0) {
			this.counters.recordDropped(corrupt);
			this.counters.recordFailure(corrupt + " unreadable line(s) in the Braintrust export spool");
			logger.warn("Dropped " + corrupt + " unreadable line(s) of the Braintrust export spool "
					+ this.spool.directory());
		}
		return rows;
	}

	/**
	 * Merge the rows of a chunk that share an object and an id, as the pipeline does for
	 * each batch: a chunk spans several batches, and the server is not asked to apply
	 * rows of one request in order.
	 */
	private static List<LogRow> merge(List<LogRow> rows) {
		List<PendingRow> pending = new ArrayList<>(rows.size());
		for (LogRow row : rows) {
			pending.add(new PendingRow(row.target(), row.kind(), (ObjectNode) JSON.readTree(row.json())));
		}
		List<PendingRow> merged = RowMerger.mergeBatch(pending);
		if (merged.size() == rows.size()) {
			return rows;
		}
		List<LogRow> result = new ArrayList<>(merged.size());
		for (PendingRow row : merged) {
			result.add(new LogRow(row.target(), row.kind(), row.id(), JSON.writeValueAsBytes(row.row())));
		}
		return result;
	}

	private void awaitWork() throws InterruptedException {
		synchronized (this.monitor) {
			if (!this.wakeRequested) {
				this.monitor.wait(IDLE_POLL.toMillis());
			}
			this.wakeRequested = false;
		}
	}

}

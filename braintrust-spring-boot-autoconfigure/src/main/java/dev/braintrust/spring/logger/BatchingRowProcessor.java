package dev.braintrust.spring.logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The asynchronous row pipeline, in the shape of OpenTelemetry's
 * {@code BatchSpanProcessor}: a bounded queue, one daemon worker
 * ({@code braintrust-logger-worker}), batches bounded by row count and bytes, sent when
 * full or when the schedule delay passes. Emitting never blocks: a full queue drops the
 * row, counts it and says so in the log at most once per interval. The one exception is a
 * thread marked with {@link Backpressure#waitForRoom()}, whose rows wait for room (at
 * most the export timeout) before they are dropped. Build it with
 * {@link BraintrustLoggerBuilder}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BatchingRowProcessor implements RowProcessor {

	private static final Log logger = LogFactory.getLog(BatchingRowProcessor.class);

	private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final ArrayBlockingQueue<PendingRow> queue;

	private final int maxQueueSize;

	private final int maxBatchSize;

	private final long maxBatchBytes;

	private final long scheduleDelayNanos;

	private final long maxWaitNanos;

	private final LogExporter exporter;

	private final RowEncoder encoder;

	private final PipelineCounters counters;

	private final RateLimitedWarning dropWarning;

	private final RateLimitedWarning exportWarning;

	private final ArrayBlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);

	private final ConcurrentLinkedQueue<CompletableFuture<Boolean>> flushRequests = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sinceDrain = new AtomicInteger();

	private final AtomicBoolean shutdown = new AtomicBoolean();

	private final Thread worker;

	private volatile boolean running = true;

	private volatile boolean abandoned;

	private volatile boolean drainRequested;

	BatchingRowProcessor(LogExporter exporter, RowEncoder encoder, PipelineCounters counters, int maxQueueSize,
			int maxBatchSize, long maxBatchBytes, Duration scheduleDelay, Duration dropLogInterval) {
		this(exporter, encoder, counters, maxQueueSize, maxBatchSize, maxBatchBytes, scheduleDelay, dropLogInterval,
				BraintrustLoggerBuilder.DEFAULT_EXPORT_TIMEOUT);
	}

	BatchingRowProcessor(LogExporter exporter, RowEncoder encoder, PipelineCounters counters, int maxQueueSize,
			int maxBatchSize, long maxBatchBytes, Duration scheduleDelay, Duration dropLogInterval, Duration maxWait) {
		this.exporter = exporter;
		this.maxWaitNanos = maxWait.toNanos();
		this.encoder = encoder;
		this.counters = counters;
		this.maxQueueSize = maxQueueSize;
		this.queue = new ArrayBlockingQueue<>(maxQueueSize);
		this.maxBatchSize = maxBatchSize;
		this.maxBatchBytes = maxBatchBytes;
		this.scheduleDelayNanos = scheduleDelay.toNanos();
		this.dropWarning = new RateLimitedWarning(logger, dropLogInterval);
		this.exportWarning = new RateLimitedWarning(logger, dropLogInterval);
		this.worker = new Thread(this::work, "braintrust-logger-worker");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	@Override
	public void emit(ObjectRef target, RowKind kind, ObjectNode row) {
		if (!this.running) {
			this.counters.recordDropped(1);
			this.dropWarning.add(1,
					(count) -> "Dropped " + count + " Braintrust row(s) logged after the logger was shut down");
			return;
		}
		PendingRow pending = new PendingRow(target, kind, row);
		if (!this.queue.offer(pending) && !(Backpressure.waitsForRoom() && offerWaiting(pending))) {
			this.counters.recordDropped(1);
			this.dropWarning.add(1,
					(count) -> "Dropped " + count + " Braintrust row(s) because the queue (capacity "
							+ this.maxQueueSize + ") was full: rows are logged faster than they are exported. "
							+ "Raise braintrust.logger.async.max-queue-size, or check the exporter's errors.");
			return;
		}
		if (this.sinceDrain.incrementAndGet() == this.maxBatchSize) {
			this.signal.offer(Boolean.TRUE);
		}
	}

	/**
	 * Wait for room in the queue, asking the worker to export what is queued now.
	 * @return whether the row was queued before the wait ran out
	 */
	private boolean offerWaiting(PendingRow row) {
		if (Thread.currentThread() == this.worker) {
			return false;
		}
		long deadline = System.nanoTime() + this.maxWaitNanos;
		try {
			while (this.running && this.worker.isAlive()) {
				this.drainRequested = true;
				this.signal.offer(Boolean.TRUE);
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				if (this.queue.offer(row, Math.min(left, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS)) {
					return true;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	@Override
	public int queueCapacity() {
		return this.maxQueueSize;
	}

	@Override
	public boolean flush(Duration timeout) {
		if (Thread.currentThread() == this.worker) {
			return false;
		}
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		this.flushRequests.add(done);
		if (!this.worker.isAlive()) {
			this.flushRequests.remove(done);
			return this.queue.isEmpty();
		}
		this.signal.offer(Boolean.TRUE);
		try {
			return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	@Override
	public boolean shutdown(Duration timeout) {
		if (!this.shutdown.compareAndSet(false, true)) {
			return true;
		}
		this.running = false;
		this.signal.offer(Boolean.TRUE);
		boolean completed;
		try {
			this.worker.join(Math.max(1, timeout.toMillis()));
			completed = !this.worker.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			completed = false;
		}
		if (!completed) {
			// Give up on the worker: it stops after its current export, and what is still
			// queued is counted here, exactly once.
			this.abandoned = true;
			this.worker.interrupt();
			List<PendingRow> leftBehind = new ArrayList<>();
			this.queue.drainTo(leftBehind);
			int left = leftBehind.size();
			if (left > 0) {
				this.counters.recordDropped(left);
				logger.warn("Braintrust logger shut down after " + timeout.toMillis() + " ms with " + left
						+ " row(s) not exported; raise braintrust.logger.async.shutdown-timeout to wait longer");
			}
		}
		this.exporter.shutdown();
		return completed;
	}

	@Override
	public LoggerStats stats() {
		return this.counters.snapshot(this.queue.size());
	}

	private void work() {
		long nextExport = System.nanoTime() + this.scheduleDelayNanos;
		while (!this.abandoned) {
			List<CompletableFuture<Boolean>> flushes = takeFlushRequests();
			boolean stopping = !this.running;
			boolean drain = this.drainRequested;
			if (drain) {
				this.drainRequested = false;
			}
			long now = System.nanoTime();
			if (!flushes.isEmpty() || stopping || drain || now >= nextExport
					|| this.queue.size() >= this.maxBatchSize) {
				exportQueued();
				nextExport = System.nanoTime() + this.scheduleDelayNanos;
			}
			if (!flushes.isEmpty() || stopping) {
				boolean durable = flushExporter();
				flushes.forEach((flush) -> flush.complete(durable));
			}
			if (stopping && this.queue.isEmpty()) {
				return;
			}
			try {
				long wait = Math.max(0, nextExport - System.nanoTime());
				this.signal.poll(wait, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				if (this.abandoned) {
					return;
				}
			}
		}
	}

	private List<CompletableFuture<Boolean>> takeFlushRequests() {
		List<CompletableFuture<Boolean>> flushes = new ArrayList<>();
		CompletableFuture<Boolean> flush;
		while ((flush = this.flushRequests.poll()) != null) {
			flushes.add(flush);
		}
		return flushes;
	}

	/**
	 * Export what is queued now, in batches; rows queued meanwhile wait for the next
	 * round.
	 */
	private void exportQueued() {
		int remaining = this.queue.size();
		this.sinceDrain.set(0);
		List<PendingRow> batch = new ArrayList<>(Math.min(remaining, this.maxBatchSize));
		while (remaining > 0 && !this.abandoned) {
			batch.clear();
			remaining -= this.queue.drainTo(batch, Math.min(remaining, this.maxBatchSize));
			if (batch.isEmpty()) {
				return;
			}
			exportBatch(batch);
		}
	}

	private void exportBatch(List<PendingRow> batch) {
		List<LogRow> encoded = new ArrayList<>(batch.size());
		for (PendingRow row : RowMerger.mergeBatch(batch)) {
			try {
				encoded.add(this.encoder.encode(row));
			}
			catch (RuntimeException ex) {
				this.counters.recordDropped(1);
				this.counters.recordFailure("Could not encode row " + row.id() + ": " + describe(ex));
				logger.warn("Dropped Braintrust row " + row.id() + " that could not be encoded", ex);
			}
		}
		List<LogRow> chunk = new ArrayList<>();
		long chunkBytes = 0;
		for (LogRow row : encoded) {
			if (!chunk.isEmpty() && chunkBytes + row.json().length > this.maxBatchBytes) {
				exportChunk(chunk);
				chunk = new ArrayList<>();
				chunkBytes = 0;
			}
			chunk.add(row);
			chunkBytes += row.json().length;
		}
		if (!chunk.isEmpty()) {
			exportChunk(chunk);
		}
	}

	private void exportChunk(List<LogRow> chunk) {
		long start = System.nanoTime();
		try {
			this.exporter.export(chunk);
		}
		catch (Exception ex) {
			// The exporter gave up on these rows (it retries on its own): they are lost,
			// so count them.
			this.counters.recordDropped(chunk.size());
			this.counters.recordFailure(describe(ex));
			this.exportWarning.add(chunk.size(),
					(count) -> "Braintrust export failed, " + count + " row(s) dropped: " + describe(ex));
		}
		finally {
			this.counters.recordExportTime(System.nanoTime() - start);
		}
	}

	private boolean flushExporter() {
		try {
			this.exporter.flush();
			return true;
		}
		catch (Exception ex) {
			this.counters.recordFailure(describe(ex));
			this.exportWarning.add(0, (count) -> "Braintrust exporter flush failed: " + describe(ex));
			return false;
		}
	}

	static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}

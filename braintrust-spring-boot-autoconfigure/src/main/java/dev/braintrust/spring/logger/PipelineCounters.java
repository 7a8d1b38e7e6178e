package dev.braintrust.spring.logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The live counters behind {@link LoggerStats}, shared by the pipeline and its exporters.
 * Thread-safe and cheap to update.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class PipelineCounters {

	private final LongAdder sent = new LongAdder();

	private final LongAdder retried = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder spooled = new LongAdder();

	private final LongAdder failedExports = new LongAdder();

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private final LongAdder exports = new LongAdder();

	private final LongAdder exportNanos = new LongAdder();

	private final Clock clock;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorTime;

	private volatile @Nullable Instant lastSuccessTime;

	/**
	 * Counters on the system clock.
	 */
	public PipelineCounters() {
		this(Clock.systemUTC());
	}

	/**
	 * Counters on the given clock.
	 * @param clock the clock for the error and success times
	 */
	public PipelineCounters(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Count rows written to their destination, and note the success.
	 * @param rows the number of rows
	 */
	public void recordSent(long rows) {
		this.sent.add(rows);
		this.consecutiveFailures.set(0);
		this.lastSuccessTime = this.clock.instant();
	}

	/**
	 * Count rows that will be tried again.
	 * @param rows the number of rows
	 */
	public void recordRetried(long rows) {
		this.retried.add(rows);
	}

	/**
	 * Count rows refused for good.
	 * @param rows the number of rows
	 */
	public void recordRejected(long rows) {
		this.rejected.add(rows);
	}

	/**
	 * Count rows lost before export.
	 * @param rows the number of rows
	 */
	public void recordDropped(long rows) {
		this.dropped.add(rows);
	}

	/**
	 * Count rows moved to the disk spool.
	 * @param rows the number of rows
	 */
	public void recordSpooled(long rows) {
		this.spooled.add(rows);
	}

	/**
	 * Note a failed export.
	 * @param message what went wrong, without secrets
	 */
	public void recordFailure(String message) {
		this.failedExports.increment();
		this.consecutiveFailures.incrementAndGet();
		this.lastError = message;
		this.lastErrorTime = this.clock.instant();
	}

	/**
	 * Note how long the exporter took for a batch, retries included.
	 * @param nanos the time in nanoseconds
	 */
	public void recordExportTime(long nanos) {
		this.exports.increment();
		this.exportNanos.add(nanos);
	}

	/**
	 * How many batches were handed to the exporter.
	 * @return the count
	 */
	public long exportCount() {
		return this.exports.sum();
	}

	/**
	 * The total time the exporter took for those batches.
	 * @return the time in nanoseconds
	 */
	public long exportTotalNanos() {
		return this.exportNanos.sum();
	}

	/**
	 * Take a snapshot.
	 * @param queued rows waiting in the queue now
	 * @return the snapshot
	 */
	public LoggerStats snapshot(long queued) {
		return new LoggerStats(queued, this.sent.sum(), this.retried.sum(), this.rejected.sum(), this.dropped.sum(),
				this.spooled.sum(), this.failedExports.sum(), this.consecutiveFailures.get(), this.lastError,
				this.lastErrorTime, this.lastSuccessTime);
	}

}

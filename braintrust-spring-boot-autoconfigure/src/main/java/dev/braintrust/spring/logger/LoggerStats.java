package dev.braintrust.spring.logger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the row pipeline's counters, read by the actuator endpoint,
 * the health indicator and the meters. Every row logged ends up counted as sent,
 * rejected, dropped or spooled (or is still queued); retries count attempts, not rows
 * lost.
 *
 * @param queued rows waiting in the queue now
 * @param sent rows written to their destination (the local store or Braintrust)
 * @param retried rows whose export was attempted again after a transient failure
 * @param rejected rows the destination refused for good (a 4xx answer, say)
 * @param dropped rows lost before export: the queue was full, or the pipeline was shut
 * down
 * @param spooled rows written to the disk spool while Braintrust was unreachable
 * @param failedExports batches whose export failed
 * @param consecutiveFailures failed exports since the last successful one
 * @param lastError the last export error, never containing a secret
 * @param lastErrorTime when it happened
 * @param lastSuccessTime when a batch was last exported successfully
 * @author Braintrust
 * @since 0.1.0
 */
public record LoggerStats(long queued, long sent, long retried, long rejected, long dropped, long spooled,
		long failedExports, long consecutiveFailures, @Nullable String lastError, @Nullable Instant lastErrorTime,
		@Nullable Instant lastSuccessTime) {

	/** Counters of a pipeline that never ran. */
	public static final LoggerStats EMPTY = new LoggerStats(0, 0, 0, 0, 0, 0, 0, 0, null, null, null);

}

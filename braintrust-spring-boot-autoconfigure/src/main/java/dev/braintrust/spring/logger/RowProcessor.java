package dev.braintrust.spring.logger;

import java.time.Duration;

/**
 * The row pipeline behind a logger: takes rows from spans and hands them, merged, masked
 * and serialized, to a {@link LogExporter}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface RowProcessor extends RowSink {

	/**
	 * Write everything queued before this call, then make it durable.
	 * @param timeout how long to wait
	 * @return true when everything was written within the timeout
	 */
	boolean flush(Duration timeout);

	/**
	 * Flush within the timeout and stop. Rows emitted afterwards are counted as dropped.
	 * Idempotent.
	 * @param timeout how long to wait for the final flush
	 * @return true when the final flush completed in time
	 */
	boolean shutdown(Duration timeout);

	/**
	 * The most rows the pipeline holds before new ones are dropped.
	 * @return the capacity, {@link Integer#MAX_VALUE} for a pipeline without a queue
	 */
	default int queueCapacity() {
		return Integer.MAX_VALUE;
	}

	/**
	 * The current counters.
	 * @return a snapshot
	 */
	LoggerStats stats();

}

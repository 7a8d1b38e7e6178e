package dev.braintrust.spring.logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes batches of rows somewhere: the embedded local store, Braintrust's REST API, or
 * both. Called from the pipeline's worker thread only, one batch at a time. Retries
 * belong in the exporter, not in the queue; an exception marks the batch as failed and is
 * counted.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public interface LogExporter {

	/**
	 * Export a batch.
	 * @param rows the rows, in the order they were logged (after merging)
	 * @throws Exception when the batch could not be written
	 */
	void export(List<LogRow> rows) throws Exception;

	/**
	 * Make everything exported so far durable (forced to disk, or sent).
	 * @throws Exception when that fails
	 */
	default void flush() throws Exception {
	}

	/**
	 * Release resources. Called once, after the last export.
	 */
	default void shutdown() {
	}

	/**
	 * An exporter that discards everything.
	 * @return the no-op exporter
	 */
	static LogExporter noop() {
		return (rows) -> {
		};
	}

	/**
	 * An exporter that sends every batch to each of the given exporters in turn. A
	 * failure of one does not stop the others; the first failure is rethrown afterwards.
	 * @param exporters the exporters
	 * @return the composite exporter
	 */
	static LogExporter composite(List<? extends LogExporter> exporters) {
		List<LogExporter> all = new ArrayList<>(exporters);
		return new LogExporter() {

			@Override
			public void export(List<LogRow> rows) throws Exception {
				Exception failure = null;
				for (LogExporter exporter : all) {
					try {
						exporter.export(rows);
					}
					catch (Exception ex) {
						failure = (failure != null) ? failure : ex;
					}
				}
				if (failure != null) {
					throw failure;
				}
			}

			@Override
			public void flush() throws Exception {
				Exception failure = null;
				for (LogExporter exporter : all) {
					try {
						exporter.flush();
					}
					catch (Exception ex) {
						failure = (failure != null) ? failure : ex;
					}
				}
				if (failure != null) {
					throw failure;
				}
			}

			@Override
			public void shutdown() {
				all.forEach(LogExporter::shutdown);
			}

		};
	}

}

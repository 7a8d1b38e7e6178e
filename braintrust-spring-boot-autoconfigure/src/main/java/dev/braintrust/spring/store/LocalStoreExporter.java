package dev.braintrust.spring.store;

import java.util.List;

import dev.braintrust.spring.logger.LogExporter;
import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.PipelineCounters;

/**
 * Exports rows to the {@link LocalStore}: written on export, forced to disk on flush.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class LocalStoreExporter implements LogExporter {

	private final LocalStore store;

	private final PipelineCounters counters;

	/**
	 * Create an exporter.
	 * @param store the store
	 * @param counters the counters to record written rows in
	 */
	public LocalStoreExporter(LocalStore store, PipelineCounters counters) {
		this.store = store;
		this.counters = counters;
	}

	@Override
	public void export(List<LogRow> rows) {
		this.store.append(rows);
		this.counters.recordSent(rows.size());
	}

	@Override
	public void flush() {
		this.store.flush();
	}

	@Override
	public void shutdown() {
		this.store.close();
	}

}

package dev.braintrust.spring.logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports each row on the calling thread as it is emitted: for short-lived processes (a
 * batch job, a CLI, a function) that must not end with rows still queued. Export failures
 * are counted and logged, never thrown.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SynchronousRowProcessor implements RowProcessor {

	private static final Log logger = LogFactory.getLog(SynchronousRowProcessor.class);

	private final LogExporter exporter;

	private final RowEncoder encoder;

	private final PipelineCounters counters;

	private final ReentrantLock lock = new ReentrantLock();

	private final AtomicBoolean shutdown = new AtomicBoolean();

	SynchronousRowProcessor(LogExporter exporter, RowEncoder encoder, PipelineCounters counters) {
		this.exporter = exporter;
		this.encoder = encoder;
		this.counters = counters;
	}

	@Override
	public void emit(ObjectRef target, RowKind kind, ObjectNode row) {
		if (this.shutdown.get()) {
			this.counters.recordDropped(1);
			return;
		}
		this.lock.lock();
		long start = System.nanoTime();
		try {
			this.exporter.export(List.of(this.encoder.encode(new PendingRow(target, kind, row))));
		}
		catch (Exception ex) {
			this.counters.recordFailure(BatchingRowProcessor.describe(ex));
			logger.warn("Braintrust export failed: " + BatchingRowProcessor.describe(ex));
		}
		finally {
			this.counters.recordExportTime(System.nanoTime() - start);
			this.lock.unlock();
		}
	}

	@Override
	public boolean flush(Duration timeout) {
		this.lock.lock();
		try {
			this.exporter.flush();
			return true;
		}
		catch (Exception ex) {
			this.counters.recordFailure(BatchingRowProcessor.describe(ex));
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean shutdown(Duration timeout) {
		if (!this.shutdown.compareAndSet(false, true)) {
			return true;
		}
		boolean flushed = flush(timeout);
		this.exporter.shutdown();
		return flushed;
	}

	@Override
	public LoggerStats stats() {
		return this.counters.snapshot(0);
	}

}

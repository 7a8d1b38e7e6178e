package dev.braintrust.spring.logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link LogExporter} for tests that keeps every batch, can block, and can fail on
 * demand.
 *
 * @author Braintrust
 */
class RecordingExporter implements LogExporter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final List<List<LogRow>> batches = new CopyOnWriteArrayList<>();

	final AtomicInteger flushes = new AtomicInteger();

	final AtomicInteger shutdowns = new AtomicInteger();

	volatile int failuresLeft;

	volatile CountDownLatch gate = new CountDownLatch(0);

	@Override
	public void export(List<LogRow> rows) throws Exception {
		this.gate.await();
		if (this.failuresLeft > 0) {
			this.failuresLeft--;
			throw new IllegalStateException("exporter down");
		}
		this.batches.add(List.copyOf(rows));
	}

	@Override
	public void flush() {
		this.flushes.incrementAndGet();
	}

	@Override
	public void shutdown() {
		this.shutdowns.incrementAndGet();
	}

	List<LogRow> rows() {
		List<LogRow> all = new ArrayList<>();
		this.batches.forEach(all::addAll);
		return all;
	}

	List<ObjectNode> json() {
		return rows().stream().map((row) -> (ObjectNode) JSON.readTree(row.json())).toList();
	}

	List<ObjectNode> merged() {
		return RowMerger.replay(json());
	}

}

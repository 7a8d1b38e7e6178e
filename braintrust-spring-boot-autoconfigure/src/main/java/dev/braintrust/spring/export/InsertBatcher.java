package dev.braintrust.spring.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;

/**
 * Splits rows, in order, into {@code POST /v1/insert} requests of at most {@code maxRows}
 * rows and {@code maxBytes} bytes (row bytes plus a generous allowance for the envelope
 * and each object's key). A row that cannot fit in any request is set apart.
 *
 * @author Braintrust
 */
final class InsertBatcher {

	/** Allowance for {@code {"project_logs":{},"experiment":{},"dataset":{}}}. */
	static final int ENVELOPE_BYTES = 64;

	/**
	 * Allowance for one object's {@code "<id>":{"events":[],"feedback":[]},} (ids are
	 * UUIDs, 36 characters).
	 */
	static final int OBJECT_BYTES = 192;

	private final int maxRows;

	private final long maxBytes;

	InsertBatcher(int maxRows, long maxBytes) {
		this.maxRows = maxRows;
		this.maxBytes = maxBytes;
	}

	int maxRows() {
		return this.maxRows;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	Split split(List<LogRow> rows) {
		List<List<LogRow>> requests = new ArrayList<>();
		List<LogRow> oversize = new ArrayList<>();
		List<LogRow> current = new ArrayList<>();
		Set<ObjectRef> targets = new HashSet<>();
		long bytes = ENVELOPE_BYTES;
		for (LogRow row : rows) {
			long alone = ENVELOPE_BYTES + OBJECT_BYTES + row.json().length;
			if (alone > this.maxBytes) {
				oversize.add(row);
				continue;
			}
			long added = row.json().length + 1 + (targets.contains(row.target()) ? 0 : OBJECT_BYTES);
			if (!current.isEmpty() && (current.size() >= this.maxRows || bytes + added > this.maxBytes)) {
				requests.add(current);
				current = new ArrayList<>();
				targets.clear();
				bytes = ENVELOPE_BYTES;
				added = row.json().length + 1 + OBJECT_BYTES;
			}
			current.add(row);
			targets.add(row.target());
			bytes += added;
		}
		if (!current.isEmpty()) {
			requests.add(current);
		}
		return new Split(requests, oversize);
	}

	/**
	 * Rows split into requests.
	 *
	 * @param requests the requests, in order
	 * @param oversize rows too large for any request
	 */
	record Split(List<List<LogRow>> requests, List<LogRow> oversize) {

	}

}

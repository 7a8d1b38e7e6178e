package dev.braintrust.spring.logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the masking function to a merged row and serializes it once, on the pipeline's
 * worker. A masking function that fails replaces the field with an error marker, so
 * nothing unmasked ever leaves, and the failure is logged (at most once a minute).
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class RowEncoder {

	private static final Log logger = LogFactory.getLog(RowEncoder.class);

	private static final List<String> MASKED_FIELDS = List.of("input", "output", "expected", "metadata", "context",
			"scores", "metrics");

	private static final long MASK_FAILURE_LOG_INTERVAL_NANOS = 60_000_000_000L;

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final @Nullable MaskingFunction masking;

	private final AtomicLong lastMaskFailureLog = new AtomicLong(System.nanoTime() - MASK_FAILURE_LOG_INTERVAL_NANOS);

	RowEncoder(@Nullable MaskingFunction masking) {
		this.masking = masking;
	}

	LogRow encode(PendingRow pending) {
		ObjectNode row = pending.row();
		if (this.masking != null) {
			mask(row);
		}
		return new LogRow(pending.target(), pending.kind(), pending.id(), JSON.writeValueAsBytes(row));
	}

	private void mask(ObjectNode row) {
		for (String field : MASKED_FIELDS) {
			JsonNode value = row.get(field);
			if (value == null || value.isNull()) {
				continue;
			}
			try {
				JsonNode masked = this.masking.mask(value);
				row.set(field, (masked != null) ? masked : JsonNodeFactory.instance.nullNode());
			}
			catch (RuntimeException ex) {
				row.put(field, "ERROR: Failed to mask field '" + field + "' - " + ex.getClass().getSimpleName());
				logMaskFailure(field, ex);
			}
		}
	}

	private void logMaskFailure(String field, RuntimeException ex) {
		long now = System.nanoTime();
		long last = this.lastMaskFailureLog.get();
		if (now - last >= MASK_FAILURE_LOG_INTERVAL_NANOS && this.lastMaskFailureLog.compareAndSet(last, now)) {
			logger.warn("The Braintrust masking function failed on field '" + field
					+ "'; the field was replaced by an error marker", ex);
		}
	}

}

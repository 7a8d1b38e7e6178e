package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.logger.LogRow;
import org.jspecify.annotations.Nullable;

/**
 * What became of rows after one or more tries: all settled (sent, or rejected and
 * reported), or some still to be delivered after a transient failure.
 *
 * @param remaining rows still to be delivered; empty when all are settled
 * @param error the last transient failure, or null
 * @param retryAfter the wait the server asked for, or null
 * @author Braintrust
 */
record Attempt(List<LogRow> remaining, @Nullable String error, @Nullable Duration retryAfter) {

	static final Attempt SETTLED = new Attempt(List.of(), null, null);

	static Attempt retry(List<LogRow> remaining, String error, @Nullable Duration retryAfter) {
		return new Attempt(List.copyOf(remaining), error, retryAfter);
	}

	boolean settled() {
		return this.remaining.isEmpty();
	}

	String errorOrUnknown() {
		return (this.error != null) ? this.error : "unknown error";
	}

}

package dev.braintrust.spring.health;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LoggerStats;
import dev.braintrust.spring.store.LocalStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether telemetry reaches its destination: {@code UP} while exports succeed (in local
 * mode, while the store is writable); {@code DOWN} when the local store cannot be written
 * or when the last {@value #FAILURE_THRESHOLD} exports in a row failed, with no success
 * in between. Back {@code UP} with the next successful export. Details: the mode, the
 * last success, the last error and the drop count.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Failed exports in a row, with no success in between, that make the indicator
	 * {@code DOWN}: one failure (a bad row refused, a single timeout) is not an outage.
	 */
	public static final int FAILURE_THRESHOLD = 3;

	private final String mode;

	private final BraintrustLogger braintrustLogger;

	private final @Nullable LocalStore localStore;

	/**
	 * Create the indicator.
	 * @param mode where rows go: {@code local}, {@code remote} or {@code disabled}
	 * @param braintrustLogger the logger whose pipeline is checked
	 * @param localStore the local store, in local mode
	 */
	public BraintrustHealthIndicator(String mode, BraintrustLogger braintrustLogger, @Nullable LocalStore localStore) {
		super("Braintrust health check failed");
		this.mode = mode;
		this.braintrustLogger = braintrustLogger;
		this.localStore = localStore;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		LoggerStats stats = this.braintrustLogger.stats();
		builder.withDetail("mode", this.mode);
		if (stats.lastSuccessTime() != null) {
			builder.withDetail("lastSuccess", stats.lastSuccessTime());
		}
		if (stats.lastError() != null) {
			builder.withDetail("lastError", stats.lastError());
			if (stats.lastErrorTime() != null) {
				builder.withDetail("lastErrorTime", stats.lastErrorTime());
			}
		}
		builder.withDetail("dropped", stats.dropped());
		builder.withDetail("consecutiveFailures", stats.consecutiveFailures());
		LocalStore store = this.localStore;
		if (store != null) {
			builder.withDetail("localStore", store.directory().toString());
			if (!store.isWritable()) {
				builder.down().withDetail("reason", "the local store " + store.directory() + " is not writable");
				return;
			}
		}
		if (stats.consecutiveFailures() >= FAILURE_THRESHOLD) {
			builder.down()
				.withDetail("reason",
						"the last " + stats.consecutiveFailures() + " exports failed with no success in between");
			return;
		}
		builder.up();
	}

}

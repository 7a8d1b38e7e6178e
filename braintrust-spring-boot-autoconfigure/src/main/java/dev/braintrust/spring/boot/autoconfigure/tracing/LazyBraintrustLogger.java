package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.util.function.Supplier;

import dev.braintrust.spring.logger.Braintrust;
import dev.braintrust.spring.logger.BraintrustLogger;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's logger, looked up on first use rather than when the {@code @Traced}
 * post-processor is created, which is before most beans exist. Without a unique logger
 * bean it falls back to {@link Braintrust#logger()}.
 *
 * @author Braintrust
 */
final class LazyBraintrustLogger implements Supplier<BraintrustLogger> {

	private final ObjectProvider<BraintrustLogger> provider;

	private volatile @Nullable BraintrustLogger logger;

	LazyBraintrustLogger(ObjectProvider<BraintrustLogger> provider) {
		this.provider = provider;
	}

	@Override
	public BraintrustLogger get() {
		BraintrustLogger resolved = this.logger;
		if (resolved == null) {
			resolved = this.provider.getIfUnique();
			if (resolved == null) {
				return Braintrust.logger();
			}
			this.logger = resolved;
		}
		return resolved;
	}

}

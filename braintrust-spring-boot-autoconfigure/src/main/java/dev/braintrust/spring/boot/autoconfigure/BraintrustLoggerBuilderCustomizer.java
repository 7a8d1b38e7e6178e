package dev.braintrust.spring.boot.autoconfigure;

import dev.braintrust.spring.logger.BraintrustLoggerBuilder;

/**
 * Callback to customize the {@link BraintrustLoggerBuilder} before the auto-configured
 * logger is built. Customizers are applied in {@link org.springframework.core.Ordered
 * order}.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface BraintrustLoggerBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(BraintrustLoggerBuilder builder);

}

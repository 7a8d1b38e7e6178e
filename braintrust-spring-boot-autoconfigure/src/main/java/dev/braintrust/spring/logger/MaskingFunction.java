package dev.braintrust.spring.logger;

import tools.jackson.databind.JsonNode;

/**
 * Redacts logged data before it leaves the caller's control, that is before the local
 * store and before the network, as the Python SDK's {@code set_masking_function}. It is
 * applied to each of a row's {@code input}, {@code output}, {@code expected},
 * {@code metadata}, {@code context}, {@code scores} and {@code metrics} fields. Declare
 * one as a bean and the auto-configuration uses it.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@FunctionalInterface
public interface MaskingFunction {

	/**
	 * Mask a field's value.
	 * @param value the field's value, which the function may change in place or replace
	 * @return the masked value
	 */
	JsonNode mask(JsonNode value);

}

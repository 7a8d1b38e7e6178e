package dev.braintrust.spring.tracing;

import dev.braintrust.spring.logger.CallerInfo;
import dev.braintrust.spring.logger.SpanType;
import org.jspecify.annotations.Nullable;

/**
 * What the interceptor needs to know about one traced method, resolved once per method
 * and target class.
 *
 * @param name the span name
 * @param type the span type
 * @param captureInput whether the arguments are logged
 * @param captureOutput whether the return value is logged
 * @param parameterNames the parameter names, keys of the input object
 * @param caller the method, as the span's caller
 * @param asyncResultHandler the handler for an asynchronous return type, or null
 * @author Braintrust
 */
record TracedMethod(String name, SpanType type, boolean captureInput, boolean captureOutput, String[] parameterNames,
		CallerInfo caller, @Nullable AsyncResultHandler asyncResultHandler) {

}

package dev.braintrust.spring.sample.support;

import java.util.Map;

/**
 * A tool the model called while answering.
 *
 * @param name the tool
 * @param arguments the arguments the model passed
 * @param succeeded whether the tool found what was asked for
 * @author Braintrust
 */
public record ToolCallRecord(String name, Map<String, Object> arguments, boolean succeeded) {

}

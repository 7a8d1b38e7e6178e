package dev.braintrust.spring.eval.scorers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * autoevals' {@code select_choice} function: its schema asks for the choice (an enum of
 * the judge's choices) and, with chain of thought, the reasons first. The judges read the
 * model's call instead of executing it; if a tool-calling advisor does execute it, it
 * returns its arguments directly rather than going back to the model.
 *
 * @author Braintrust
 */
final class SelectChoiceTool implements ToolCallback {

	static final String NAME = "select_choice";

	static final String DESCRIPTION = "Call this function to select a choice.";

	static final String REASONS_DESCRIPTION = "Write out in a step by step manner your reasoning to be sure that "
			+ "your conclusion is correct. Avoid simply stating the correct answer at the outset.";

	private final ToolDefinition definition;

	SelectChoiceTool(boolean chainOfThought, List<String> choices) {
		this.definition = ToolDefinition.builder()
			.name(NAME)
			.description(DESCRIPTION)
			.inputSchema(schema(chainOfThought, choices))
			.build();
	}

	/**
	 * The parameters' JSON Schema, key for key as autoevals' {@code COT_RESPONSE_SCHEMA}
	 * or {@code PLAIN_RESPONSE_SCHEMA} with the choice enum added.
	 */
	static String schema(boolean chainOfThought, List<String> choices) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (chainOfThought) {
			Map<String, Object> reasons = new LinkedHashMap<>();
			reasons.put("description", REASONS_DESCRIPTION);
			reasons.put("title", "Reasoning");
			reasons.put("type", "string");
			properties.put("reasons", reasons);
		}
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("description", "The choice");
		choice.put("title", "Choice");
		choice.put("type", "string");
		choice.put("enum", new ArrayList<>(choices));
		properties.put("choice", choice);
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("properties", properties);
		schema.put("required", chainOfThought ? List.of("reasons", "choice") : List.of("choice"));
		schema.put("title", chainOfThought ? "CoTResponse" : "PlainResponse");
		schema.put("type", "object");
		return PyValues.dumps(schema);
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.definition;
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return ToolMetadata.builder().returnDirect(true).build();
	}

	@Override
	public String call(String toolInput) {
		return toolInput;
	}

}

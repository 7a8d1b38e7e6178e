package dev.braintrust.spring.eval.scorers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Template;
import dev.braintrust.spring.eval.Score;
import dev.braintrust.spring.eval.Scorer;
import dev.braintrust.spring.eval.ScorerArgs;
import dev.braintrust.spring.logger.BraintrustLogger;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.util.ClassUtils;

/**
 * An LLM judge in the manner of autoevals' {@code LLMClassifier}: a mustache prompt
 * followed by an instruction to call {@code select_choice}, a forced tool call whose
 * {@code choice} (an enum of the judge's choices) is mapped to a score, and the model's
 * reasoning kept in the score's metadata ({@code choice}, {@code rationale}).
 * <p>
 * The prompt is rendered as autoevals' Python package renders it: no HTML escaping,
 * values written with Python's {@code str()} (a map becomes {@code {'a': 1}}), missing or
 * empty values left blank. Its variables are {@code input}, {@code output},
 * {@code expected} and {@code metadata} of the case, overridden by
 * {@link #withVariable(String, Object) the judge's variables}; the case's metadata
 * entries are also available by name (a Java addition, so that a dataset can carry a
 * per-case {@code criteria} or {@code language}).
 * <p>
 * The call goes through a Spring AI {@link ChatClient}. Build it from the auto-configured
 * {@code ChatClient.Builder} so that the Braintrust advisor logs the call; the judge runs
 * it inside a scorer span (or the eval's), so the LLM span carries
 * {@code span_attributes.purpose = "scorer"}. The model defaults to autoevals' default,
 * {@value #DEFAULT_MODEL}; {@code withModel(null)} keeps the client's configured model.
 * <p>
 * Instances are immutable and thread-safe; {@code with...} methods return copies.
 *
 * @param <S> the concrete judge type
 * @author Braintrust
 * @since 0.1.0
 */
public abstract class LlmClassifier<S extends LlmClassifier<S>> implements Scorer {

	/** autoevals' default judge model ({@code DEFAULT_MODEL} in {@code llm.py}). */
	public static final String DEFAULT_MODEL = "gpt-5-mini";

	/** The suffix asking for reasons and a choice (autoevals' {@code COT_SUFFIX}). */
	static final String COT_SUFFIX = "Answer the question by calling `select_choice` with your reasoning in a "
			+ "step-by-step matter to be sure that your conclusion is correct. Avoid simply stating the correct "
			+ "answer at the outset. Select a single choice by setting the `choice` parameter to a single choice "
			+ "from {{__choices}}.";

	/** The suffix asking for a choice only (autoevals' {@code NO_COT_SUFFIX}). */
	static final String NO_COT_SUFFIX = "Answer the question by calling `select_choice` with a single choice from "
			+ "{{__choices}}.";

	private static final boolean MUSTACHE_PRESENT = ClassUtils.isPresent("com.samskivert.mustache.Mustache",
			LlmClassifier.class.getClassLoader());

	private final String name;

	private final JudgeTemplate template;

	private final Settings settings;

	private final Template compiledPrompt;

	private final SelectChoiceTool tool;

	LlmClassifier(String name, JudgeTemplate template, Settings settings) {
		if (!MUSTACHE_PRESENT) {
			throw new IllegalStateException(
					"LLM judges render their prompts with mustache: add com.samskivert:jmustache to the classpath");
		}
		this.name = name;
		this.template = template;
		this.settings = settings;
		String suffix = settings.chainOfThought() ? COT_SUFFIX : NO_COT_SUFFIX;
		this.compiledPrompt = PromptRenderer.compile((template.prompt() + "\n" + suffix).strip());
		this.tool = new SelectChoiceTool(settings.chainOfThought(), List.copyOf(template.choiceScores().keySet()));
	}

	/**
	 * A copy of this judge with other settings.
	 */
	abstract S copy(Settings settings);

	/**
	 * A copy that asks for another model.
	 * @param model the model, or null to use the chat client's configured model
	 * @return a new judge
	 */
	public S withModel(@Nullable String model) {
		return copy(this.settings.withModel(model));
	}

	/**
	 * A copy with or without chain of thought (autoevals' {@code use_cot}, on by
	 * default): with it, the model writes its reasons before choosing, and they become
	 * the score's {@code rationale}.
	 * @param chainOfThought whether to ask for reasons
	 * @return a new judge
	 */
	public S withChainOfThought(boolean chainOfThought) {
		return copy(this.settings.withChainOfThought(chainOfThought));
	}

	/**
	 * A copy that sends a temperature (by default none is sent, as in autoevals).
	 * @param temperature the temperature, or null to send none
	 * @return a new judge
	 */
	public S withTemperature(@Nullable Double temperature) {
		return copy(this.settings.withTemperature(temperature));
	}

	/**
	 * A copy that limits the tokens of the answer (at least 5 are sent, as in autoevals).
	 * @param maxTokens the limit, or null for none
	 * @return a new judge
	 */
	public S withMaxTokens(@Nullable Integer maxTokens) {
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("'maxTokens' must be positive, not " + maxTokens);
		}
		return copy(this.settings.withMaxTokens((maxTokens != null) ? Math.max(maxTokens, 5) : null));
	}

	/**
	 * A copy with a template variable, which wins over the case's values of the same name
	 * (as autoevals' extra render arguments do).
	 * @param name the variable name
	 * @param value the value (rendered with Python's {@code str()})
	 * @return a new judge
	 */
	public S withVariable(String name, @Nullable Object value) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A template variable needs a name");
		}
		return copy(this.settings.withVariable(name, value));
	}

	/**
	 * A copy that forces the {@code select_choice} tool another way, for a provider that
	 * {@link ForcedToolChoice#providerDefault()} does not know.
	 * @param toolChoice the strategy
	 * @return a new judge
	 */
	public S withToolChoice(ForcedToolChoice toolChoice) {
		if (toolChoice == null) {
			throw new IllegalArgumentException("'toolChoice' must not be null");
		}
		return copy(this.settings.withToolChoice(toolChoice));
	}

	/**
	 * A copy that starts its scorer spans on this logger instead of
	 * {@code Braintrust.logger()}.
	 * @param logger the logger
	 * @return a new judge
	 */
	public S withLogger(BraintrustLogger logger) {
		if (logger == null) {
			throw new IllegalArgumentException("'logger' must not be null");
		}
		return copy(this.settings.withLogger(logger));
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * The score of each choice, in the template's order.
	 * @return the choice scores
	 */
	public Map<String, Double> choiceScores() {
		return this.template.choiceScores();
	}

	/**
	 * The model asked for.
	 * @return the model, or null for the chat client's configured model
	 */
	public @Nullable String model() {
		return this.settings.model();
	}

	/**
	 * Judge a case.
	 * @param input the case input
	 * @param output the output to judge
	 * @param expected the expected output, or null
	 * @return the score, with {@code choice} and (with chain of thought)
	 * {@code rationale} in its metadata
	 */
	public Score score(@Nullable Object input, @Nullable Object output, @Nullable Object expected) {
		return score(new ScorerArgs(input, output, expected, Map.of()));
	}

	/**
	 * Judge a case.
	 * @param args the case
	 * @return the score, with {@code choice} and (with chain of thought)
	 * {@code rationale} in its metadata
	 * @throws IllegalStateException when the model does not call {@code select_choice}
	 * properly or picks a choice the judge does not have
	 */
	@Override
	public Score score(ScorerArgs args) {
		return ScorerSpans.run(this.settings.logger(), this.name, args, () -> judge(args));
	}

	/**
	 * The prompt this judge sends for a case.
	 * @param args the case
	 * @return the rendered prompt
	 */
	public String renderPrompt(ScorerArgs args) {
		Map<String, @Nullable Object> variables = new LinkedHashMap<>();
		args.metadata().forEach((key, value) -> variables.put(key, PyValues.canonical(value)));
		variables.put("input", PyValues.canonical(args.input()));
		variables.put("output", PyValues.canonical(args.output()));
		variables.put("expected", PyValues.canonical(args.expected()));
		variables.put("metadata", PyValues.canonical(args.metadata()));
		this.settings.variables().forEach((key, value) -> variables.put(key, PyValues.canonical(value)));
		variables.put("__choices", new ArrayList<>(this.template.choiceScores().keySet()));
		return PromptRenderer.render(this.compiledPrompt, variables);
	}

	private Score judge(ScorerArgs args) {
		String prompt = renderPrompt(args);
		ToolCallingChatOptions.Builder<?> options = ToolCallingChatOptions.builder();
		if (this.settings.model() != null) {
			options.model(this.settings.model());
		}
		if (this.settings.temperature() != null) {
			options.temperature(this.settings.temperature());
		}
		if (this.settings.maxTokens() != null) {
			options.maxTokens(this.settings.maxTokens());
		}
		ChatResponse response = this.settings.chatClient()
			.prompt()
			.messages(new UserMessage(prompt))
			.options(options)
			.toolCallbacks(this.tool)
			.advisors(AdvisorParams.toolCallingAdvisorAutoRegister(false))
			.advisors(new ForcedToolChoiceAdvisor(this.settings.toolChoice(), SelectChoiceTool.NAME))
			.call()
			.chatResponse();
		return parse(response);
	}

	/**
	 * Turn the model's reply into a score, as autoevals' {@code _process_response} does.
	 */
	Score parse(@Nullable ChatResponse response) {
		Generation generation = (response != null) ? response.getResult() : null;
		if (generation == null) {
			throw new IllegalStateException(this.name + ": the model returned no answer");
		}
		AssistantMessage message = generation.getOutput();
		String argumentsText;
		if (!message.getToolCalls().isEmpty()) {
			AssistantMessage.ToolCall call = message.getToolCalls().get(0);
			if (!SelectChoiceTool.NAME.equals(call.name())) {
				throw new IllegalStateException(this.name + ": unexpected tool call (" + call.name()
						+ ") in the model's answer; expected " + SelectChoiceTool.NAME);
			}
			argumentsText = call.arguments();
		}
		else if (SelectChoiceTool.NAME.equals(generation.getMetadata().get(ToolExecutionResult.METADATA_TOOL_NAME))
				&& message.getText() != null) {
			// a tool-calling advisor of the client ran the tool, which returns its
			// arguments
			argumentsText = message.getText();
		}
		else {
			String text = message.getText();
			throw new IllegalStateException(
					this.name + ": the model did not call " + SelectChoiceTool.NAME + " (no tool call in its answer"
							+ ((text != null && !text.isBlank()) ? ": " + abbreviate(text) : "") + ")");
		}
		Object arguments;
		try {
			arguments = PyValues.loads(argumentsText);
		}
		catch (PyValues.JsonDecodeException ex) {
			throw new IllegalStateException(this.name + ": the arguments of " + SelectChoiceTool.NAME
					+ " are not JSON: " + abbreviate(argumentsText), ex);
		}
		if (!(arguments instanceof Map<?, ?> map) || !(map.get("choice") instanceof String rawChoice)) {
			throw new IllegalStateException(this.name + ": the model called " + SelectChoiceTool.NAME
					+ " without a choice: " + abbreviate(argumentsText));
		}
		String choice = rawChoice.strip();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("choice", choice);
		if (map.containsKey("reasons")) {
			metadata.put("rationale", rationale(map.get("reasons")));
		}
		Double score = this.template.choiceScores().get(choice);
		if (score == null) {
			throw new IllegalStateException(this.name + ": the model chose '" + choice
					+ "', which is not one of the allowed choices " + this.template.choiceScores().keySet());
		}
		return new Score(this.name, score, metadata);
	}

	private static Object rationale(@Nullable Object reasons) {
		if (reasons instanceof List<?> list) {
			List<String> lines = new ArrayList<>();
			list.forEach((item) -> lines.add(PyValues.str(item)));
			return String.join("\n", lines);
		}
		return (reasons != null) ? reasons : "";
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

	@Override
	public String toString() {
		return this.name + "[model=" + ((this.settings.model() != null) ? this.settings.model() : "(client default)")
				+ ", chainOfThought=" + this.settings.chainOfThought() + "]";
	}

	/**
	 * A judge's settings.
	 */
	record Settings(ChatClient chatClient, @Nullable String model, boolean chainOfThought, @Nullable Double temperature,
			@Nullable Integer maxTokens, Map<String, @Nullable Object> variables, ForcedToolChoice toolChoice,
			@Nullable BraintrustLogger logger) {

		static Settings defaults(@Nullable ChatClient chatClient) {
			if (chatClient == null) {
				throw new IllegalArgumentException("An LLM judge needs a ChatClient (or a ChatModel)");
			}
			return new Settings(chatClient, DEFAULT_MODEL, true, null, null, Map.of(),
					ForcedToolChoice.providerDefault(), null);
		}

		Settings withModel(@Nullable String model) {
			return new Settings(this.chatClient, model, this.chainOfThought, this.temperature, this.maxTokens,
					this.variables, this.toolChoice, this.logger);
		}

		Settings withChainOfThought(boolean chainOfThought) {
			return new Settings(this.chatClient, this.model, chainOfThought, this.temperature, this.maxTokens,
					this.variables, this.toolChoice, this.logger);
		}

		Settings withTemperature(@Nullable Double temperature) {
			return new Settings(this.chatClient, this.model, this.chainOfThought, temperature, this.maxTokens,
					this.variables, this.toolChoice, this.logger);
		}

		Settings withMaxTokens(@Nullable Integer maxTokens) {
			return new Settings(this.chatClient, this.model, this.chainOfThought, this.temperature, maxTokens,
					this.variables, this.toolChoice, this.logger);
		}

		Settings withVariable(String name, @Nullable Object value) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>(this.variables);
			copy.put(name, value);
			return new Settings(this.chatClient, this.model, this.chainOfThought, this.temperature, this.maxTokens,
					java.util.Collections.unmodifiableMap(copy), this.toolChoice, this.logger);
		}

		Settings withToolChoice(ForcedToolChoice toolChoice) {
			return new Settings(this.chatClient, this.model, this.chainOfThought, this.temperature, this.maxTokens,
					this.variables, toolChoice, this.logger);
		}

		Settings withLogger(BraintrustLogger logger) {
			return new Settings(this.chatClient, this.model, this.chainOfThought, this.temperature, this.maxTokens,
					this.variables, this.toolChoice, logger);
		}

	}

}

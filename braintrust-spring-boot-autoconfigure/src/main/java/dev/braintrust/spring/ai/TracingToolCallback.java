package dev.braintrust.spring.ai;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.logger.SpanType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A {@link ToolCallback} that logs each execution of the tool it wraps as a {@code tool}
 * span: the tool name, the arguments as input, the result as output, and the error when
 * the tool throws (rethrown unchanged). The parent is fixed when the wrapper is made, so
 * tools that run on another thread (as in streamed tool loops) still nest correctly; the
 * tool span is current while the tool runs, so spans the tool starts nest under it.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class TracingToolCallback implements ToolCallback {

	private static final Log logger = LogFactory.getLog(TracingToolCallback.class);

	private final ToolCallback delegate;

	private final BraintrustLogger braintrust;

	private final @Nullable Span parent;

	private final boolean captureContent;

	TracingToolCallback(ToolCallback delegate, BraintrustLogger braintrust, @Nullable Span parent,
			boolean captureContent) {
		this.delegate = delegate;
		this.braintrust = braintrust;
		this.parent = parent;
		this.captureContent = captureContent;
	}

	ToolCallback delegate() {
		return this.delegate;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.delegate.getToolDefinition();
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.delegate.getToolMetadata();
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		Span span = start(toolInput);
		// current while the tool runs, so that spans the tool starts nest under it
		try (SpanScope scope = span.isNoop() ? () -> {
		} : span.makeCurrent()) {
			String result = this.delegate.call(toolInput, toolContext);
			if (this.captureContent) {
				log(span, LogEvent.builder().output(DefaultBraintrustAdvisorLogConvention.parseJson(result)).build());
			}
			return result;
		}
		catch (Throwable ex) {
			log(span, LogEvent.builder().error(ex).build());
			throw ex;
		}
		finally {
			try {
				span.end();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not end the Braintrust tool span", ex);
			}
		}
	}

	private Span start(String toolInput) {
		try {
			ToolDefinition definition = this.delegate.getToolDefinition();
			Span span = this.braintrust.startSpan(SpanOptions.named(definition.name())
				.type(SpanType.TOOL)
				.parent((this.parent != null && !this.parent.isNoop()) ? this.parent : null)
				.instrumentation(LlmSpan.INSTRUMENTATION)
				.build());
			LogEvent.Builder event = LogEvent.builder().metadata("tool_name", definition.name());
			if (this.captureContent) {
				event.input(DefaultBraintrustAdvisorLogConvention.parseJson(toolInput));
			}
			span.log(event.build());
			return span;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not start the Braintrust tool span", ex);
			return Span.noop();
		}
	}

	private static void log(Span span, LogEvent event) {
		try {
			span.log(event);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not log the Braintrust tool span", ex);
		}
	}

	@Override
	public String toString() {
		return "TracingToolCallback[" + this.delegate + "]";
	}

}

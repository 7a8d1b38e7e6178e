package dev.braintrust.spring.tracing.propagation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.Feedback;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanComponents;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanParent;

/**
 * Stands for a span of another service while a request from it is handled: made current,
 * it makes the spans started by the handler children of the caller's span, in the
 * caller's trace and object. It writes nothing itself: logging on it, or ending it, has
 * no effect, because the span belongs to the caller.
 *
 * @author Braintrust
 */
final class RemoteParentSpan implements Span {

	private final BraintrustLogger logger;

	private final SpanParent parent;

	private final String spanId;

	private final String rootSpanId;

	RemoteParentSpan(BraintrustLogger logger, SpanParent parent) {
		String spanId = parent.spanId();
		String rootSpanId = parent.rootSpanId();
		if (spanId == null || rootSpanId == null) {
			throw new IllegalArgumentException("A remote parent span needs a span id and a trace id");
		}
		this.logger = logger;
		this.parent = parent;
		this.spanId = spanId;
		this.rootSpanId = rootSpanId;
	}

	SpanParent parent() {
		return this.parent;
	}

	@Override
	public String id() {
		return "";
	}

	@Override
	public String spanId() {
		return this.spanId;
	}

	@Override
	public String rootSpanId() {
		return this.rootSpanId;
	}

	@Override
	public List<String> parentSpanIds() {
		return List.of();
	}

	@Override
	public ObjectRef target() {
		return this.parent.target();
	}

	@Override
	public Span log(LogEvent event) {
		return this;
	}

	@Override
	public Span setAttributes(Map<String, ?> attributes) {
		return this;
	}

	@Override
	public void logFeedback(Feedback feedback) {
	}

	@Override
	public Span startSpan(SpanOptions options) {
		SpanOptions.Builder child = SpanOptions.builder()
			.name(options.name())
			.type(options.type())
			.startTime(options.startTime())
			.event(options.event())
			.instrumentation(options.instrumentation())
			.caller(options.caller())
			.parent(this);
		options.attributes().forEach(child::attribute);
		options.propagatedAttributes().forEach(child::propagatedAttribute);
		return this.logger.startSpan(child.build());
	}

	@Override
	public double end(Instant endTime) {
		return 0;
	}

	@Override
	public boolean isEnded() {
		return false;
	}

	@Override
	public String export() {
		ObjectRef target = this.parent.target();
		String objectId = (target.type() == ObjectType.PROJECT_LOGS) ? target.projectId() : target.key();
		return new SpanComponents(target.type(), objectId, target.projectName(), null, this.spanId, this.rootSpanId,
				this.parent.propagatedEvent())
			.export();
	}

	@Override
	public String permalink() {
		return "https://www.braintrust.dev/noop-span";
	}

	@Override
	public String toString() {
		return "RemoteParentSpan[spanId=" + this.spanId + ", rootSpanId=" + this.rootSpanId + ", target="
				+ this.parent.target() + "]";
	}

}

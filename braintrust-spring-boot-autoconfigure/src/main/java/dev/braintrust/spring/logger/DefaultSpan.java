package dev.braintrust.spring.logger;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live span of this process. Thread-safe: a span may be logged on and ended from any
 * thread.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class DefaultSpan implements Span {

	private final SpanEngine engine;

	private final ObjectRef target;

	private final String id;

	private final String spanId;

	private final String rootSpanId;

	private final List<String> parents;

	private final @Nullable ObjectNode propagated;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile double endTime;

	DefaultSpan(SpanEngine engine, ObjectRef target, String id, String spanId, String rootSpanId, List<String> parents,
			@Nullable ObjectNode propagated) {
		this.engine = engine;
		this.target = target;
		this.id = id;
		this.spanId = spanId;
		this.rootSpanId = rootSpanId;
		this.parents = parents;
		this.propagated = propagated;
	}

	@Override
	public String id() {
		return this.id;
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
		return this.parents;
	}

	@Override
	public ObjectRef target() {
		return this.target;
	}

	@Nullable ObjectNode propagated() {
		return this.propagated;
	}

	@Override
	public Map<String, Object> propagatedAttributes() {
		if (this.propagated == null || !(this.propagated.get("span_attributes") instanceof ObjectNode attributes)) {
			return Map.of();
		}
		Map<String, Object> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : attributes.properties()) {
			JsonNode value = entry.getValue();
			result.put(entry.getKey(), value.isString() ? value.stringValue() : value);
		}
		return Collections.unmodifiableMap(result);
	}

	@Override
	public Span log(LogEvent event) {
		ObjectNode row = mergeRow();
		int base = row.size();
		this.engine.writeEvent(row, event);
		if (row.size() > base) {
			this.engine.emitMerge(this.target, row);
		}
		return this;
	}

	@Override
	public Span setAttributes(Map<String, ?> attributes) {
		if (!attributes.isEmpty()) {
			ObjectNode row = mergeRow();
			ObjectNode spanAttributes = row.putObject("span_attributes");
			attributes.forEach((key, value) -> spanAttributes.set(key, this.engine.capture().capture(value)));
			this.engine.emitMerge(this.target, row);
		}
		return this;
	}

	@Override
	public void logFeedback(Feedback feedback) {
		this.engine.feedback(this.target, feedback.withId(this.id));
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
		return this.engine.start(this.target, child.build());
	}

	@Override
	public double end(Instant endTime) {
		return end(mergeRow(), false, endTime);
	}

	@Override
	public double end(LogEvent event) {
		// one merge row for the event and the end, instead of one each
		ObjectNode row = mergeRow();
		int base = row.size();
		this.engine.writeEvent(row, event);
		return end(row, row.size() > base, Instant.now());
	}

	private double end(ObjectNode row, boolean carriesEvent, Instant endTime) {
		if (!this.ended.compareAndSet(false, true)) {
			// already ended: an event is still logged, as log(event) would
			if (carriesEvent) {
				this.engine.emitMerge(this.target, row);
			}
			return this.endTime;
		}
		double seconds = SpanEngine.unixSeconds(endTime);
		this.endTime = seconds;
		ObjectNode metrics = (row.get("metrics") instanceof ObjectNode existing) ? existing : row.putObject("metrics");
		metrics.put("end", seconds);
		this.engine.emitMerge(this.target, row);
		return seconds;
	}

	@Override
	public boolean isEnded() {
		return this.ended.get();
	}

	@Override
	public String export() {
		return this.engine.export(this.target, this.id, this.spanId, this.rootSpanId, this.propagated);
	}

	@Override
	public String permalink() {
		return this.engine.permalink(this.target, this.id);
	}

	private ObjectNode mergeRow() {
		return this.engine.mergeRowFor(this.id, this.spanId, this.rootSpanId, this.parents);
	}

	@Override
	public String toString() {
		return "Span[id=" + this.id + ", spanId=" + this.spanId + ", rootSpanId=" + this.rootSpanId + ", target="
				+ this.target + "]";
	}

}

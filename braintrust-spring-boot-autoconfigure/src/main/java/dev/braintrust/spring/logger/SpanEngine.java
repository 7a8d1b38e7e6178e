package dev.braintrust.spring.logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes spans and their rows, exactly as the official SDKs write them, and hands the rows
 * to the pipeline. Shared by every logger view of one pipeline.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class SpanEngine {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RowSink sink;

	private final ValueCapture capture;

	private final Function<ObjectRef, @Nullable String> objectIds;

	private final PermalinkResolver permalinks;

	private final Supplier<@Nullable String> traceIdSource;

	private final boolean captureCaller;

	private final AtomicLong execCounter = new AtomicLong();

	SpanEngine(RowSink sink, ValueCapture capture, Function<ObjectRef, @Nullable String> objectIds,
			PermalinkResolver permalinks, Supplier<@Nullable String> traceIdSource, boolean captureCaller) {
		this.sink = sink;
		this.capture = capture;
		this.objectIds = objectIds;
		this.permalinks = permalinks;
		this.traceIdSource = traceIdSource;
		this.captureCaller = captureCaller;
	}

	RowSink sink() {
		return this.sink;
	}

	ValueCapture capture() {
		return this.capture;
	}

	Span start(ObjectRef defaultTarget, SpanOptions options) {
		Span parentSpan = options.parentSpan();
		SpanParent remote = options.parent();
		if (parentSpan == null && remote == null && !options.isRoot()) {
			parentSpan = CurrentSpan.getOrNull();
		}
		ObjectRef target;
		String rootSpanId;
		List<String> parents;
		ObjectNode propagated;
		if (parentSpan != null && !parentSpan.isNoop()) {
			target = parentSpan.target();
			rootSpanId = parentSpan.rootSpanId();
			parents = List.of(parentSpan.spanId());
			propagated = (parentSpan instanceof DefaultSpan parent) ? parent.propagated() : null;
		}
		else if (remote != null) {
			target = remote.target();
			rootSpanId = remote.hasSpan() ? remote.rootSpanId() : newRootSpanId();
			parents = remote.hasSpan() ? List.of(remote.spanId()) : List.of();
			propagated = remote.propagatedEvent();
		}
		else {
			target = defaultTarget;
			rootSpanId = newRootSpanId();
			parents = List.of();
			propagated = null;
		}
		propagated = mergePropagated(propagated, options.propagatedAttributes());
		String id = SpanIds.newRowId();
		String spanId = SpanIds.newSpanId();
		Instant start = (options.startTime() != null) ? options.startTime() : Instant.now();
		ObjectNode row = firstRow(id, spanId, rootSpanId, parents, start);
		ObjectNode attributes = row.putObject("span_attributes");
		attributes.put("name", (options.name() != null) ? options.name() : (parents.isEmpty() ? "root" : "subspan"));
		SpanType type = options.type();
		if (type == null && parents.isEmpty()) {
			type = (target.type() == ObjectType.EXPERIMENT) ? SpanType.EVAL : SpanType.TASK;
		}
		if (type != null) {
			attributes.put("type", type.wireValue());
		}
		attributes.put("exec_counter", this.execCounter.incrementAndGet());
		options.attributes().forEach((key, value) -> attributes.set(key, this.capture.capture(value)));
		row.set("context", context(options.caller(), options.instrumentation()));
		if (options.event() != null) {
			writeEvent(row, options.event());
		}
		if (propagated != null) {
			RowMerger.merge(row, mergeRow(propagated));
			row.put(RowMerger.IS_MERGE, false);
		}
		this.sink.emit(target, RowKind.EVENT, row);
		return new DefaultSpan(this, target, id, spanId, rootSpanId, parents, propagated);
	}

	String logRoot(ObjectRef target, LogEvent event, String name) {
		String id = (event.id() != null) ? event.id() : SpanIds.newRowId();
		Instant now = Instant.now();
		ObjectNode row = firstRow(id, SpanIds.newSpanId(), newRootSpanId(), List.of(), now);
		((ObjectNode) row.get("metrics")).put("end", unixSeconds(now));
		ObjectNode attributes = row.putObject("span_attributes");
		attributes.put("name", name);
		attributes.put("type", ((target.type() == ObjectType.EXPERIMENT) ? SpanType.EVAL : SpanType.TASK).wireValue());
		attributes.put("exec_counter", this.execCounter.incrementAndGet());
		row.set("context", context(null, SpanOrigin.LOGGER));
		writeEvent(row, event);
		this.sink.emit(target, RowKind.EVENT, row);
		return id;
	}

	void emitMerge(ObjectRef target, ObjectNode row) {
		row.put(RowMerger.IS_MERGE, true);
		this.sink.emit(target, RowKind.EVENT, row);
	}

	void feedback(ObjectRef target, Feedback feedback) {
		ObjectNode item = NODES.objectNode();
		item.put("id", feedback.id());
		if (!feedback.scores().isEmpty()) {
			ObjectNode scores = item.putObject("scores");
			feedback.scores().forEach((name, value) -> putScore(scores, name, value));
		}
		if (feedback.hasExpected()) {
			item.set("expected", this.capture.capture(feedback.expected()));
		}
		if (feedback.comment() != null) {
			item.put("comment", this.capture.capString(feedback.comment()));
		}
		if (!feedback.metadata().isEmpty()) {
			item.set("metadata", this.capture.capture(feedback.metadata()));
		}
		item.put("source", feedback.source());
		if (!feedback.tags().isEmpty()) {
			ArrayNode tags = item.putArray("tags");
			feedback.tags().forEach(tags::add);
		}
		this.sink.emit(target, RowKind.FEEDBACK, item);
	}

	void updateSpan(String exported, LogEvent event) {
		SpanComponents components = SpanComponents.parse(exported);
		if (components.rowId() == null) {
			throw new IllegalArgumentException("The exported value names an object, not a span: it has no row id");
		}
		ObjectNode row = NODES.objectNode();
		row.put("id", components.rowId());
		if (components.spanId() != null && components.rootSpanId() != null) {
			row.put("span_id", components.spanId());
			row.put("root_span_id", components.rootSpanId());
		}
		writeEvent(row, event);
		emitMerge(components.toObjectRef(), row);
	}

	String export(ObjectRef target, @Nullable String rowId, @Nullable String spanId, @Nullable String rootSpanId,
			@Nullable ObjectNode propagated) {
		return new SpanComponents(target.type(), this.objectIds.apply(target), target.projectName(), rowId, spanId,
				rootSpanId, propagated)
			.export();
	}

	String permalink(ObjectRef target, String rowId) {
		try {
			return this.permalinks.permalink(target, rowId);
		}
		catch (RuntimeException ex) {
			return "https://www.braintrust.dev/error-generating-link?msg=" + ex.getClass().getSimpleName();
		}
	}

	/**
	 * Write an event's fields into a row; top-level nulls are left out, as the SDKs do.
	 */
	void writeEvent(ObjectNode row, LogEvent event) {
		if (event.hasInput() && event.input() != null) {
			row.set("input", this.capture.capture(event.input()));
		}
		if (event.hasOutput() && event.output() != null) {
			row.set("output", this.capture.capture(event.output()));
		}
		if (event.hasExpected() && event.expected() != null) {
			row.set("expected", this.capture.capture(event.expected()));
		}
		if (event.hasError() && event.error() != null) {
			Object error = event.error();
			row.set("error", (error instanceof String text) ? NODES.stringNode(this.capture.capString(text))
					: this.capture.capture(error));
		}
		if (!event.scores().isEmpty()) {
			ObjectNode scores = row.putObject("scores");
			event.scores().forEach((name, value) -> putScore(scores, name, value));
		}
		if (!event.metadata().isEmpty()) {
			ObjectNode metadata = row.putObject("metadata");
			event.metadata().forEach((key, value) -> metadata.set(key, this.capture.capture(value)));
		}
		if (!event.metrics().isEmpty()) {
			ObjectNode metrics = (row.get("metrics") instanceof ObjectNode existing) ? existing
					: row.putObject("metrics");
			event.metrics().forEach((name, value) -> metrics.set(name, this.capture.capture(value)));
		}
		if (!event.tags().isEmpty()) {
			ArrayNode tags = row.putArray("tags");
			event.tags().forEach(tags::add);
		}
	}

	ObjectNode mergeRowFor(String id, String spanId, String rootSpanId, List<String> parents) {
		ObjectNode row = NODES.objectNode();
		row.put("id", id);
		row.put("span_id", spanId);
		row.put("root_span_id", rootSpanId);
		writeParents(row, parents);
		return row;
	}

	static double unixSeconds(Instant time) {
		return time.getEpochSecond() + time.getNano() / 1_000_000_000.0;
	}

	private ObjectNode firstRow(String id, String spanId, String rootSpanId, List<String> parents, Instant start) {
		ObjectNode row = NODES.objectNode();
		row.put("id", id);
		row.put("span_id", spanId);
		row.put("root_span_id", rootSpanId);
		writeParents(row, parents);
		row.put("created", IsoInstant.format(start));
		row.putObject("metrics").put("start", unixSeconds(start));
		row.put(RowMerger.IS_MERGE, false);
		return row;
	}

	private static void writeParents(ObjectNode row, List<String> parents) {
		if (parents.isEmpty()) {
			row.putNull("span_parents");
		}
		else {
			ArrayNode array = row.putArray("span_parents");
			parents.forEach(array::add);
		}
	}

	private ObjectNode context(@Nullable CallerInfo caller, String instrumentation) {
		ObjectNode context = NODES.objectNode();
		CallerInfo info = (caller != null) ? caller : (this.captureCaller ? CallerInfo.fromStack() : null);
		if (info != null) {
			info.writeTo(context);
		}
		context.set("span_origin", SpanOrigin.of(instrumentation));
		return context;
	}

	private String newRootSpanId() {
		String traceId = null;
		try {
			traceId = this.traceIdSource.get();
		}
		catch (RuntimeException ex) {
			// an unusable trace id source must not stop the span
		}
		return (traceId != null && SpanIds.isValidTraceId(traceId)) ? traceId : SpanIds.newTraceId();
	}

	private static void putScore(ObjectNode scores, String name, @Nullable Double value) {
		if (value == null) {
			scores.putNull(name);
		}
		else {
			scores.put(name, value);
		}
	}

	private static @Nullable ObjectNode mergePropagated(@Nullable ObjectNode inherited, Map<String, Object> added) {
		if (added.isEmpty()) {
			return inherited;
		}
		ObjectNode event = (inherited != null) ? inherited.deepCopy() : NODES.objectNode();
		ObjectNode attributes = (event.get("span_attributes") instanceof ObjectNode existing) ? existing
				: event.putObject("span_attributes");
		added.forEach((key, value) -> attributes.set(key, ValueCapture.defaults().capture(value)));
		return event;
	}

	private static ObjectNode mergeRow(ObjectNode event) {
		ObjectNode row = event.deepCopy();
		row.put(RowMerger.IS_MERGE, true);
		return row;
	}

	static JsonNode nullNode() {
		return NODES.nullNode();
	}

}

package dev.braintrust.spring.logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BraintrustLogger} and the rows its spans write.
 *
 * @author Braintrust
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BraintrustLoggerTests {

	private final RecordingExporter exporter = new RecordingExporter();

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.target(ObjectRef.projectLogs("checkout", null))
		.exporter(this.exporter)
		.scheduleDelay(Duration.ofHours(1))
		.build();

	@AfterEach
	void close() {
		this.logger.close();
	}

	@Test
	void firstRowOfASpanHasEveryFieldTheSdksWrite() {
		Span span = this.logger.startSpan(SpanOptions.named("lookup").type(SpanType.TOOL).attribute("k", "v").build());
		ObjectNode row = this.exporter.json().isEmpty() ? flushAndFirst() : this.exporter.json().get(0);
		assertThat(row.get("id").stringValue()).isEqualTo(span.id()).hasSize(36);
		assertThat(row.get("span_id").stringValue()).isEqualTo(span.spanId()).matches("[0-9a-f]{16}");
		assertThat(row.get("root_span_id").stringValue()).isEqualTo(span.rootSpanId()).matches("[0-9a-f]{32}");
		assertThat(row.get("span_parents").isNull()).isTrue();
		assertThat(Instant.parse(row.get("created").stringValue())).isBeforeOrEqualTo(Instant.now());
		assertThat(row.get("metrics").get("start").isNumber()).isTrue();
		assertThat(row.get("span_attributes").get("name").stringValue()).isEqualTo("lookup");
		assertThat(row.get("span_attributes").get("type").stringValue()).isEqualTo("tool");
		assertThat(row.get("span_attributes").get("k").stringValue()).isEqualTo("v");
		assertThat(row.get("context").get("caller_functionname").stringValue())
			.isEqualTo("BraintrustLoggerTests.firstRowOfASpanHasEveryFieldTheSdksWrite");
		assertThat(row.get("context").get("caller_filename").stringValue()).isEqualTo("BraintrustLoggerTests.java");
		assertThat(row.get("context").get("span_origin").get("name").stringValue())
			.isEqualTo("braintrust-spring-boot-starter");
		assertThat(row.get("context").get("span_origin").get("instrumentation").get("name").stringValue())
			.isEqualTo("logger");
		assertThat(row.get("_is_merge").asBoolean()).isFalse();
	}

	@Test
	void laterLogsAreMergeRowsAndMergeIntoOneRow() {
		Span span = this.logger.startSpan("work");
		this.logger.flush();
		span.log((event) -> event.input(Map.of("q", "hi")).metadata("tenant", "acme"));
		span.log((event) -> event.output("hello").score("quality", 0.75).metadata("model", "m1"));
		span.end();
		this.logger.flush();
		List<ObjectNode> raw = this.exporter.json();
		assertThat(raw.get(0).get("_is_merge").asBoolean()).isFalse();
		assertThat(raw.subList(1, raw.size())).allSatisfy((row) -> {
			assertThat(row.get("_is_merge").asBoolean()).isTrue();
			assertThat(row.get("id").stringValue()).isEqualTo(span.id());
		});
		List<ObjectNode> merged = this.exporter.merged();
		assertThat(merged).hasSize(1);
		ObjectNode row = merged.get(0);
		assertThat(row.get("input").toString()).isEqualTo("{\"q\":\"hi\"}");
		assertThat(row.get("output").stringValue()).isEqualTo("hello");
		assertThat(row.get("metadata").toString()).isEqualTo("{\"tenant\":\"acme\",\"model\":\"m1\"}");
		assertThat(row.get("scores").get("quality").doubleValue()).isEqualTo(0.75);
		assertThat(row.get("metrics").get("end").doubleValue())
			.isGreaterThanOrEqualTo(row.get("metrics").get("start").doubleValue());
	}

	@Test
	void endRecordsOnlyOnce() {
		Span span = this.logger.startSpan("once");
		double first = span.end();
		double second = span.end(Instant.now().plusSeconds(5));
		assertThat(second).isEqualTo(first);
		this.logger.flush();
		assertThat(this.exporter.json()).hasSize(1);
	}

	@Test
	void endWithAnEventWritesTheEventAndTheEndAsOneMergeRow() {
		Span span = this.logger.startSpan("work");
		this.logger.flush();
		double end = span.end(LogEvent.builder().output("done").metric("tokens", 3).build());
		this.logger.flush();
		List<ObjectNode> raw = this.exporter.json();
		assertThat(raw).hasSize(2);
		ObjectNode last = raw.get(1);
		assertThat(last.get("_is_merge").asBoolean()).isTrue();
		assertThat(last.get("output").stringValue()).isEqualTo("done");
		assertThat(last.get("metrics").get("tokens").asInt()).isEqualTo(3);
		assertThat(last.get("metrics").get("end").asDouble()).isEqualTo(end);
		assertThat(span.isEnded()).isTrue();
		// already ended: the event is still logged, and the end time stays
		assertThat(span.end(LogEvent.builder().metadata("late", true).build())).isEqualTo(end);
		this.logger.flush();
		ObjectNode merged = this.exporter.merged().get(0);
		assertThat(merged.get("metadata").get("late").asBoolean()).isTrue();
		assertThat(merged.get("metrics").get("end").asDouble()).isEqualTo(end);
		assertThat(merged.get("metrics").get("start").isNumber()).isTrue();
	}

	@Test
	void childrenNestUnderTheCurrentSpanAndShareItsTrace() {
		Span parent = this.logger.startSpan("parent");
		Span child;
		try (SpanScope scope = parent.makeCurrent()) {
			assertThat(this.logger.currentSpan()).isSameAs(parent);
			child = this.logger.startSpan("child");
			child.end();
		}
		assertThat(CurrentSpan.getOrNull()).isNull();
		parent.end();
		assertThat(child.rootSpanId()).isEqualTo(parent.rootSpanId());
		assertThat(child.parentSpanIds()).containsExactly(parent.spanId());
		this.logger.flush();
		ObjectNode childRow = this.exporter.merged().get(1);
		assertThat(childRow.get("span_parents").toString()).isEqualTo("[\"" + parent.spanId() + "\"]");
		assertThat(childRow.get("span_attributes").has("type")).isFalse();
	}

	@Test
	void tracedLogsTheErrorAndRethrowsTheSameException() {
		IllegalStateException failure = new IllegalStateException("payment declined");
		assertThatIllegalStateException().isThrownBy(() -> this.logger.traced("charge", (span) -> {
			throw failure;
		})).isSameAs(failure);
		this.logger.flush();
		ObjectNode row = this.exporter.merged().get(0);
		assertThat(row.get("error").stringValue()).startsWith("java.lang.IllegalStateException: payment declined\n\n")
			.contains("at dev.braintrust.spring.logger.BraintrustLoggerTests");
		assertThat(row.get("metrics").has("end")).isTrue();
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	@Test
	void tracedReturnsTheResultAndMakesTheSpanCurrent() throws Exception {
		String result = this.logger.traced("compute", (span) -> {
			assertThat(Braintrust.currentSpan()).isSameAs(span);
			return "42";
		});
		assertThat(result).isEqualTo("42");
	}

	@Test
	void topLevelLogIsARootSpanWithTheGivenId() {
		String id = this.logger.log((event) -> event.id("row-1").input("in").output("out"));
		assertThat(id).isEqualTo("row-1");
		this.logger.flush();
		ObjectNode row = this.exporter.merged().get(0);
		assertThat(row.get("id").stringValue()).isEqualTo("row-1");
		assertThat(row.get("span_attributes").get("type").stringValue()).isEqualTo("task");
		assertThat(row.get("metrics").has("start")).isTrue();
		assertThat(row.get("metrics").has("end")).isTrue();
	}

	@Test
	void feedbackIsQueuedAsAFeedbackItem() {
		String id = this.logger.log((event) -> event.input("q"));
		this.logger.logFeedback(Feedback.forRow(id).score("correct", 1).comment("great").source("app").build());
		this.logger.flush();
		LogRow feedback = this.exporter.rows().get(1);
		assertThat(feedback.kind()).isEqualTo(RowKind.FEEDBACK);
		assertThat(feedback.jsonText())
			.isEqualTo("{\"id\":\"" + id + "\",\"scores\":{\"correct\":1.0},\"comment\":\"great\",\"source\":\"app\"}");
	}

	@Test
	void feedbackMustCarrySomething() {
		assertThatIllegalArgumentException().isThrownBy(() -> Feedback.forRow("r").build())
			.withMessage("Feedback must carry at least one of scores, expected, tags or a comment");
	}

	@Test
	void updateSpanFromItsExportedForm() {
		Span span = this.logger.startSpan("job");
		String exported = span.export();
		span.end();
		this.logger.updateSpan(exported, LogEvent.builder().output("done later").build());
		this.logger.flush();
		ObjectNode row = this.exporter.merged().get(0);
		assertThat(row.get("output").stringValue()).isEqualTo("done later");
		assertThat(row.get("span_id").stringValue()).isEqualTo(span.spanId());
	}

	@Test
	void exportedSpanCanParentASpanInAnotherProcess() {
		Span remote = this.logger.startSpan("caller");
		Span child = this.logger
			.startSpan(SpanOptions.named("callee").parent(SpanParent.fromExported(remote.export())).build());
		assertThat(child.rootSpanId()).isEqualTo(remote.rootSpanId());
		assertThat(child.parentSpanIds()).containsExactly(remote.spanId());
		assertThat(child.target()).isEqualTo(remote.target());
	}

	@Test
	void propagatedAttributesReachEveryDescendant() {
		Span scorer = this.logger.startSpan(
				SpanOptions.named("Factuality").type(SpanType.SCORE).propagatedAttribute("purpose", "scorer").build());
		Span llm = scorer.startSpan(SpanOptions.named("Chat Completion").type(SpanType.LLM).build());
		Span deeper = llm.startSpan("parse");
		this.logger.flush();
		assertThat(this.exporter.merged()).allSatisfy(
				(row) -> assertThat(row.get("span_attributes").get("purpose").stringValue()).isEqualTo("scorer"));
		assertThat(deeper.rootSpanId()).isEqualTo(scorer.rootSpanId());
	}

	@Test
	void rootSpansTakeTheTraceIdFromTheTraceIdSource() {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		try (BraintrustLogger joined = BraintrustLogger.builder()
			.exporter(this.exporter)
			.traceIdSource(() -> traceId)
			.build()) {
			assertThat(joined.startSpan("request").rootSpanId()).isEqualTo(traceId);
		}
		try (BraintrustLogger invalid = BraintrustLogger.builder()
			.exporter(this.exporter)
			.traceIdSource(() -> "not-a-trace-id")
			.build()) {
			assertThat(invalid.startSpan("request").rootSpanId()).matches("[0-9a-f]{32}");
		}
	}

	@Test
	void hostileValuesNeverThrowIntoTheCaller() {
		Object hostile = new Object() {
			public String getValue() {
				throw new IllegalStateException("nope");
			}
		};
		Span span = this.logger.startSpan("hostile");
		span.log((event) -> event.input(hostile).output(new byte[10]));
		span.end();
		this.logger.flush();
		assertThat(this.exporter.merged().get(0).get("input").get("value").stringValue())
			.contains("IllegalStateException: nope");
	}

	@Test
	void noopLoggerRecordsNothingButRunsTheWork() throws Exception {
		BraintrustLogger noop = BraintrustLogger.noop();
		Integer result = noop.traced("x", (span) -> {
			assertThat(span.isNoop()).isTrue();
			span.log((event) -> event.input("ignored"));
			return 7;
		});
		assertThat(result).isEqualTo(7);
		assertThat(noop.stats()).isEqualTo(LoggerStats.EMPTY);
	}

	@Test
	void synchronousModeExportsOnTheCallingThread() {
		RecordingExporter direct = new RecordingExporter();
		try (BraintrustLogger sync = BraintrustLogger.builder().exporter(direct).async(false).build()) {
			sync.log((event) -> event.input("now"));
			assertThat(direct.rows()).hasSize(1);
		}
	}

	private ObjectNode flushAndFirst() {
		this.logger.flush();
		return this.exporter.json().get(0);
	}

}

package dev.braintrust.spring.tracing.propagation;

import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.tracing.CapturingLogExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustPropagator}: a span written into headers by one service and
 * read back by another.
 *
 * @author Braintrust
 */
class BraintrustPropagatorTests {

	private static final String PROJECT = "shop · Ünïcødé 日本 & co, ltd; 100%";

	private final CapturingLogExporter callerRows = new CapturingLogExporter();

	private final CapturingLogExporter receiverRows = new CapturingLogExporter();

	private final BraintrustLogger caller = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs(PROJECT, null))
		.exporter(this.callerRows)
		.build();

	private final BraintrustLogger receiver = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("receiver", null))
		.exporter(this.receiverRows)
		.build();

	@AfterEach
	void close() {
		this.caller.close();
		this.receiver.close();
	}

	@Test
	void writesTraceparentAndBaggage() {
		Span span = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		BraintrustPropagator.inject(span, headers);
		assertThat(headers.getFirst("traceparent")).isEqualTo("00-" + span.rootSpanId() + "-" + span.spanId() + "-01");
		assertThat(headers.get("baggage")).containsExactly(
				"braintrust.parent=project_name%3Ashop%20%C2%B7%20%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E6%97%A5%E6%9C%AC%20"
						+ "%26%20co%2C%20ltd%3B%20100%25");
		assertThat(headers.headerNames()).contains("traceparent", "baggage");
	}

	@Test
	void replacesAnotherTraceparentAndKeepsTracestateAndOtherBaggage() {
		Span span = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		headers.add("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		headers.add("tracestate", "congo=t61rcWkgMzE");
		headers.add("Baggage", "userId=alice");
		headers.add("Baggage", "braintrust.parent=project_name%3Astale, isProduction=false");
		BraintrustPropagator.inject(span, headers);
		assertThat(headers.get("traceparent")).containsExactly("00-" + span.rootSpanId() + "-" + span.spanId() + "-01");
		assertThat(headers.headerNames()).contains("traceparent").doesNotContain("Traceparent");
		assertThat(headers.get("tracestate")).containsExactly("congo=t61rcWkgMzE");
		String baggage = headers.getFirst("baggage");
		assertThat(headers.get("baggage")).hasSize(1);
		assertThat(baggage).startsWith("userId=alice,isProduction=false,braintrust.parent=project_name%3Ashop");
		assertThat(baggage).doesNotContain("stale");
	}

	@Test
	void leavesBaggageAloneWhenItIsFull() {
		Span span = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		StringBuilder full = new StringBuilder("m0=0");
		for (int i = 1; i < W3cBaggage.MAX_MEMBERS; i++) {
			full.append(",m").append(i).append('=').append(i);
		}
		headers.add("baggage", full.toString());
		BraintrustPropagator.inject(span, headers);
		assertThat(headers.get("baggage")).containsExactly(full.toString());
		assertThat(headers.getFirst("traceparent")).isNotNull();
	}

	@Test
	void toleratesMalformedExistingBaggage() {
		Span span = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		headers.add("baggage", "=;,, ,novalue,k=v;p");
		BraintrustPropagator.inject(span, headers);
		assertThat(headers.getFirst("baggage")).startsWith("=;,novalue,k=v;p,braintrust.parent=project_name%3Ashop");
		assertThat(headers.getFirst("traceparent")).isNotNull();
	}

	@Test
	void writesNothingOutsideASpan() {
		HttpHeaders headers = new HttpHeaders();
		BraintrustPropagator.inject(null, headers);
		BraintrustPropagator.inject(Span.noop(), headers);
		assertThat(headers.isEmpty()).isTrue();
	}

	@Test
	void roundTripMakesTheReceiversSpansChildrenInTheCallersTraceAndProject() {
		Span callerSpan = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		BraintrustPropagator.inject(callerSpan, headers);
		Span parent = BraintrustPropagator.extract(valuesOf(headers), this.receiver);
		assertThat(parent).isNotNull();
		assertThat(parent.rootSpanId()).isEqualTo(callerSpan.rootSpanId());
		assertThat(parent.spanId()).isEqualTo(callerSpan.spanId());
		assertThat(parent.target()).isEqualTo(ObjectRef.projectLogs(PROJECT, null));
		try (SpanScope scope = CurrentSpan.set(parent)) {
			Span handler = this.receiver.startSpan("handle");
			handler.end();
			Span explicit = parent.startSpan("explicit");
			explicit.end();
		}
		ObjectNode handler = this.receiverRows.span("handle");
		assertThat(handler.get("root_span_id").asString()).isEqualTo(callerSpan.rootSpanId());
		assertThat(handler.get("span_parents").get(0).asString()).isEqualTo(callerSpan.spanId());
		assertThat(this.receiverRows.target(handler)).isEqualTo(ObjectRef.projectLogs(PROJECT, null));
		ObjectNode explicit = this.receiverRows.span("explicit");
		assertThat(explicit.get("span_parents").get(0).asString()).isEqualTo(callerSpan.spanId());
		// the stand-in for the caller's span writes nothing
		assertThat(this.receiverRows.spans()).hasSize(2);
	}

	@Test
	void remoteParentWritesNothing() {
		Span callerSpan = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		BraintrustPropagator.inject(callerSpan, headers);
		Span parent = BraintrustPropagator.extract(valuesOf(headers), this.receiver);
		parent.log(LogEvent.builder().output("ignored").build());
		parent.setAttributes(java.util.Map.of("k", "v"));
		parent.end();
		assertThat(this.receiverRows.rawRows()).isEmpty();
		assertThat(parent.isNoop()).isFalse();
	}

	@Test
	void receiverPassesTheCallersParentOn() {
		Span callerSpan = this.caller.startSpan("call");
		HttpHeaders incoming = new HttpHeaders();
		BraintrustPropagator.inject(callerSpan, incoming);
		Span parent = BraintrustPropagator.extract(valuesOf(incoming), this.receiver);
		HttpHeaders outgoing = new HttpHeaders();
		BraintrustPropagator.inject(parent, outgoing);
		assertThat(outgoing.getFirst("traceparent")).isEqualTo(incoming.getFirst("traceparent"));
		assertThat(outgoing.getFirst("baggage")).isEqualTo(incoming.getFirst("baggage"));
	}

	@Test
	void headerNamesAreCaseInsensitive() {
		Span callerSpan = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		headers.add("TRACEPARENT", "00-" + callerSpan.rootSpanId() + "-" + callerSpan.spanId() + "-01");
		headers.add("BAGGAGE", "braintrust.parent=project_name%3Aupper");
		Span parent = BraintrustPropagator.extract(valuesOf(headers), this.receiver);
		assertThat(parent).isNotNull();
		assertThat(parent.target()).isEqualTo(ObjectRef.projectLogs("upper", null));
	}

	@Test
	void experimentParentSendsTheReceiversSpansToTheExperiment() {
		ObjectRef experiment = ObjectRef.newExperiment(PROJECT, null, "nightly", null);
		Span evalSpan = this.caller.forObject(experiment).startSpan("eval");
		HttpHeaders headers = new HttpHeaders();
		BraintrustPropagator.inject(evalSpan, headers);
		assertThat(headers.getFirst("baggage")).isEqualTo("braintrust.parent=experiment_id%3A" + experiment.key());
		Span parent = BraintrustPropagator.extract(valuesOf(headers), this.receiver);
		assertThat(parent.target().key()).isEqualTo(experiment.key());
	}

	@Test
	void withoutBaggageTheReceiverLogsToItsOwnProject() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		headers.add("baggage", "userId=alice");
		Span parent = BraintrustPropagator.extract(valuesOf(headers), this.receiver);
		assertThat(parent.target()).isSameAs(this.receiver.target());
		assertThat(parent.rootSpanId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		headers.set("baggage", "braintrust.parent=project_name%3");
		assertThat(BraintrustPropagator.extract(valuesOf(headers), this.receiver).target())
			.isSameAs(this.receiver.target());
		headers.set("baggage", "braintrust.parent=dataset_id%3Ad");
		assertThat(BraintrustPropagator.extract(valuesOf(headers), this.receiver).target())
			.isSameAs(this.receiver.target());
	}

	@Test
	void malformedOrRepeatedTraceparentStartsAFreshTrace() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331");
		headers.add("baggage", "braintrust.parent=project_name%3Ademo");
		assertThat(BraintrustPropagator.extract(valuesOf(headers), this.receiver)).isNull();
		headers.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		headers.add("traceparent", "00-1af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		assertThat(BraintrustPropagator.extract(valuesOf(headers), this.receiver)).isNull();
		assertThat(BraintrustPropagator.extract((name) -> {
			throw new IllegalStateException("request gone");
		}, this.receiver)).isNull();
		assertThat(BraintrustPropagator.extract(valuesOf(new HttpHeaders()), this.receiver)).isNull();
	}

	@Test
	void readsAnExportedSpanFromTheLegacyHeader() {
		Span callerSpan = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-bt-parent", callerSpan.export());
		Span parent = BraintrustPropagator.extract(valuesOf(headers), this.receiver);
		assertThat(parent).isNotNull();
		assertThat(parent.spanId()).isEqualTo(callerSpan.spanId());
		assertThat(parent.rootSpanId()).isEqualTo(callerSpan.rootSpanId());
		assertThat(parent.target().projectName()).isEqualTo(PROJECT);
		headers.set("x-bt-parent", "not base64!");
		assertThat(BraintrustPropagator.extract(valuesOf(headers), this.receiver)).isNull();
	}

	@Test
	void noopReceiverIgnoresTheHeaders() {
		Span callerSpan = this.caller.startSpan("call");
		HttpHeaders headers = new HttpHeaders();
		BraintrustPropagator.inject(callerSpan, headers);
		assertThat(BraintrustPropagator.extract(valuesOf(headers), BraintrustLogger.noop())).isNull();
	}

	static BraintrustPropagator.HeaderValues valuesOf(HttpHeaders headers) {
		return (name) -> {
			List<String> values = headers.get(name);
			return (values != null) ? values : List.of();
		};
	}

}

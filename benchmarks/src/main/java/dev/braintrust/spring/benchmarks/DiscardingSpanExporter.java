package dev.braintrust.spring.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An OpenTelemetry exporter that counts the spans it is given and discards them.
 *
 * @author Braintrust
 */
final class DiscardingSpanExporter implements SpanExporter {

	private final LongAdder exported = new LongAdder();

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.exported.add(spans.size());
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	long exported() {
		return this.exported.sum();
	}

}

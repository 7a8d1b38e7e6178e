package dev.braintrust.spring.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Counts the spans its delegate delivered (the sink acknowledged them) and failed.
 *
 * @author Braintrust
 */
final class CountingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final LongAdder delivered = new LongAdder();

	private final LongAdder failed = new LongAdder();

	CountingSpanExporter(SpanExporter delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result = this.delegate.export(spans);
		result.whenComplete(() -> (result.isSuccess() ? this.delivered : this.failed).add(count));
		return result;
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	long delivered() {
		return this.delivered.sum();
	}

	long failed() {
		return this.failed.sum();
	}

}

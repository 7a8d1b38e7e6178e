package dev.braintrust.spring.tracing;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerTraceIdSource}.
 *
 * @author Braintrust
 */
class MicrometerTraceIdSourceTests {

	@Test
	void normalizesTraceIds() {
		assertThat(MicrometerTraceIdSource.normalize("4BF92F3577B34DA6A3CE929D0E0E4736"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(MicrometerTraceIdSource.normalize("a3ce929d0e0e4736")).isEqualTo("0000000000000000a3ce929d0e0e4736");
		assertThat(MicrometerTraceIdSource.normalize(null)).isNull();
		assertThat(MicrometerTraceIdSource.normalize("")).isNull();
		assertThat(MicrometerTraceIdSource.normalize("00000000000000000000000000000000")).isNull();
		assertThat(MicrometerTraceIdSource.normalize("0000000000000000")).isNull();
		assertThat(MicrometerTraceIdSource.normalize("not-a-trace-id-at-all-0123456789")).isNull();
	}

	@Test
	void noTracerOrNoCurrentSpanGivesNull() {
		assertThat(new MicrometerTraceIdSource(() -> null).get()).isNull();
		assertThat(new MicrometerTraceIdSource(() -> Tracer.NOOP).get()).isNull();
		assertThat(new MicrometerTraceIdSource(() -> {
			throw new IllegalStateException("tracer gone");
		}).get()).isNull();
	}

}

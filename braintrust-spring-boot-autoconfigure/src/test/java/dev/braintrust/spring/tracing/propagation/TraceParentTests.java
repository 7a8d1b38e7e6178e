package dev.braintrust.spring.tracing.propagation;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceParent}.
 *
 * @author Braintrust
 */
class TraceParentTests {

	private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	@Test
	void parsesAValidHeader() {
		TraceParent parsed = TraceParent.parse(VALID);
		assertThat(parsed).isEqualTo(new TraceParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "01"));
		assertThat(parsed.toHeaderValue()).isEqualTo(VALID);
	}

	@Test
	void toleratesSurroundingWhitespaceAndUnsampledFlags() {
		assertThat(TraceParent.parse("  00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00 \t"))
			.isEqualTo(new TraceParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "00"));
	}

	@Test
	void acceptsAFutureVersionWithMoreFields() {
		assertThat(TraceParent.parse("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-holds"))
			.isEqualTo(new TraceParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "01"));
		assertThat(TraceParent.parse("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isNotNull();
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "garbage", "00", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
			// version ff is forbidden
			"ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			// version 00 must be exactly 55 characters
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-011",
			// a future version's extra fields must start with a dash
			"cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x",
			// all-zero ids are invalid
			"00-00000000000000000000000000000000-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
			// upper case is not allowed
			"00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-B7AD6B7169203331-01",
			"0A-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			// not hex
			"00-0af7651916cd43dd8448eb211c80319z-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333g-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0g",
			// wrong separators or lengths
			"00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331_01",
			"00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01cc",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b71692033-0133",
			// a UUID is not a trace id
			"00-0af76519-16cd-43dd-8448-eb211c80319c-b7ad6b7169203331-01" })
	void rejectsMalformedValues(String value) {
		assertThat(TraceParent.parse(value)).isNull();
	}

	@Test
	void namesASpanWithTheSampledFlag() {
		try (BraintrustLogger logger = BraintrustLogger.builder().async(false).build()) {
			Span span = logger.startSpan("call");
			TraceParent traceParent = TraceParent.of(span);
			assertThat(traceParent).isNotNull();
			assertThat(traceParent.toHeaderValue()).isEqualTo("00-" + span.rootSpanId() + "-" + span.spanId() + "-01");
			assertThat(TraceParent.parse(traceParent.toHeaderValue())).isEqualTo(traceParent);
		}
		assertThat(TraceParent.of(Span.noop())).isNull();
	}

}

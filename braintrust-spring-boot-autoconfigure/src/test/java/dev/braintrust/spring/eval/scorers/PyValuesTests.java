package dev.braintrust.spring.eval.scorers;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PyValues}, against output recorded from CPython
 * ({@code python-reference.json}: {@code repr(float)} for 429 doubles, {@code repr} and
 * {@code json.dumps} of awkward strings, {@code str} and {@code json.dumps} of
 * containers).
 */
class PyValuesTests {

	private static final JsonNode REFERENCE = load();

	private static JsonNode load() {
		try (InputStream in = PyValuesTests.class.getResourceAsStream("python-reference.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void shouldSpellFloatsAsPythonRepr() {
		int checked = 0;
		for (JsonNode pair : REFERENCE.get("floats").values()) {
			double value = Double.longBitsToDouble(Long.parseUnsignedLong(pair.get(0).stringValue(), 16));
			assertThat(PyValues.floatRepr(value)).as(pair.get(0).stringValue()).isEqualTo(pair.get(1).stringValue());
			checked++;
		}
		assertThat(checked).isEqualTo(429);
	}

	@Test
	void shouldSpellStringsAsPythonReprAndJsonDumps() {
		for (JsonNode triple : REFERENCE.get("strings").values()) {
			String text = triple.get(0).stringValue();
			assertThat(PyValues.repr(text)).isEqualTo(triple.get(1).stringValue());
			assertThat(PyValues.dumps(text)).isEqualTo(triple.get(2).stringValue());
			assertThat(PyValues.str(text)).isEqualTo(text);
		}
	}

	@Test
	void shouldSpellContainersAsPython() {
		JsonNode containers = REFERENCE.get("containers");
		assertThat(PyValues.str(containers.get("value"))).isEqualTo(containers.get("str").stringValue());
		assertThat(PyValues.dumps(containers.get("value"))).isEqualTo(containers.get("dumps").stringValue());
		assertThat(PyValues.dumpsSortedCompact(containers.get("sortedValue")))
			.isEqualTo(containers.get("dumpsSortedCompact").stringValue());
	}

	@Test
	void shouldSpellScalarsAsPythonStr() {
		assertThat(PyValues.str(null)).isEqualTo("None");
		assertThat(PyValues.str(true)).isEqualTo("True");
		assertThat(PyValues.str(42)).isEqualTo("42");
		assertThat(PyValues.str(1.0)).isEqualTo("1.0");
		assertThat(PyValues.str(Double.NaN)).isEqualTo("nan");
		assertThat(PyValues.str(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
		assertThat(PyValues.dumps(Double.NaN)).isEqualTo("NaN");
		assertThat(PyValues.dumps(Map.of(1, true))).isEqualTo("{\"1\": true}");
		assertThat(PyValues.str(List.of())).isEqualTo("[]");
		assertThat(PyValues.str(Map.of())).isEqualTo("{}");
	}

	@Test
	void shouldFallBackToTheObjectsTextWhenJacksonCannotWriteIt() {
		assertThat(PyValues.canonical(new Unwritable())).isEqualTo("unwritable");
		assertThat(PyValues.str(Map.of("k", new Unwritable()))).isEqualTo("{'k': 'unwritable'}");
		// an object Jackson can write is its JSON equivalent
		assertThat(PyValues.str(new Object())).isEqualTo("{}");
	}

	static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

		@Override
		public String toString() {
			return "unwritable";
		}

	}

	@Test
	void shouldParseAsPythonJsonLoads() {
		assertThat(PyValues.loads(" [1, 1.0, 1e2, \"x\", null, true, NaN] "))
			.isEqualTo(java.util.Arrays.asList(1L, 1.0, 100.0, "x", null, true, Double.NaN));
		assertThat(PyValues.loads("{\"a\": 1, \"b\": 2, \"a\": 3}")).isEqualTo(JsonDiffTests.mapOf("a", 3L, "b", 2L));
		assertThat(PyValues.dumps(PyValues.loads("{\"a\": 1, \"b\": 2, \"a\": 3}"))).isEqualTo("{\"a\": 3, \"b\": 2}");
		assertThat(PyValues.loads("123456789012345678901234567890"))
			.isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
		for (String invalid : List.of("", "   ", "{a: 1}", "[1,]", "'x'", "1 2", "[1", "01")) {
			assertThatExceptionOfType(PyValues.JsonDecodeException.class).as(invalid)
				.isThrownBy(() -> PyValues.loads(invalid));
		}
	}

}

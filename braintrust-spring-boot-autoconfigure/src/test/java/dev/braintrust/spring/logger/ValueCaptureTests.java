package dev.braintrust.spring.logger;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ValueCapture}.
 *
 * @author Braintrust
 */
class ValueCaptureTests {

	private final ValueCapture capture = new ValueCapture(64, 10);

	@Test
	void capturesPlainJsonValues() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("text", "hello");
		value.put("count", 3);
		value.put("ratio", 0.5);
		value.put("flag", true);
		value.put("none", null);
		value.put("list", List.of(1, "two"));
		value.put(null, "null key");
		value.put("id", UUID.fromString("3fa51eff-2d3f-4107-a751-55edc214b4ed"));
		value.put("when", Instant.parse("2026-01-02T03:04:05Z"));
		value.put("amount", new BigDecimal("12.50"));
		value.put("maybe", Optional.of("x"));
		assertThat(this.capture.capture(value).toString()).isEqualTo("{\"text\":\"hello\",\"count\":3,\"ratio\":0.5,"
				+ "\"flag\":true,\"none\":null,\"list\":[1,\"two\"],\"null\":\"null key\","
				+ "\"id\":\"3fa51eff-2d3f-4107-a751-55edc214b4ed\",\"when\":\"2026-01-02T03:04:05Z\","
				+ "\"amount\":12.50,\"maybe\":\"x\"}");
	}

	@Test
	void nanAndInfinitiesBecomeStrings() {
		assertThat(
				this.capture.capture(List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)).toString())
			.isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\"]");
	}

	@Test
	void cycleInMapsBecomesPlaceholder() {
		Map<String, Object> map = new HashMap<>();
		map.put("self", map);
		map.put("name", "loop");
		JsonNode node = this.capture.capture(map);
		assertThat(node.get("self").stringValue()).isEqualTo(ValueCapture.CIRCULAR_REFERENCE);
		assertThat(node.get("name").stringValue()).isEqualTo("loop");
	}

	@Test
	void cycleThroughBeansBecomesPlaceholder() {
		Node first = new Node("first");
		Node second = new Node("second");
		first.next = second;
		second.next = first;
		JsonNode node = this.capture.capture(first);
		assertThat(node.get("name").stringValue()).isEqualTo("first");
		assertThat(node.get("next").get("name").stringValue()).isEqualTo("second");
		assertThat(node.get("next").get("next").stringValue()).isEqualTo(ValueCapture.CIRCULAR_REFERENCE);
	}

	@Test
	void sharedButAcyclicValuesAreKept() {
		List<String> shared = List.of("a");
		JsonNode node = this.capture.capture(Map.of("x", shared, "y", shared));
		assertThat(node.get("x").toString()).isEqualTo("[\"a\"]");
		assertThat(node.get("y").toString()).isEqualTo("[\"a\"]");
	}

	@Test
	void getterThatThrowsBecomesPlaceholderAndOtherPropertiesRemain() {
		JsonNode node = this.capture.capture(new Hostile());
		assertThat(node.get("fine").stringValue()).isEqualTo("ok");
		assertThat(node.get("broken").stringValue())
			.isEqualTo("<error reading property 'broken': IllegalStateException: no way>");
	}

	@Test
	void jacksonAnnotationsAreHonoured() {
		JsonNode node = this.capture.capture(new Account("ada", "s3cret"));
		assertThat(node.has("password")).isFalse();
		assertThat(node.get("user_name").stringValue()).isEqualTo("ada");
	}

	@Test
	void recordsAreCaptured() {
		assertThat(this.capture.capture(new Point(1, 2)).toString()).isEqualTo("{\"x\":1,\"y\":2}");
	}

	@Test
	void streamsAreNeverConsumed() {
		Stream<String> stream = Stream.of("a");
		assertThat(this.capture.capture(stream).stringValue()).startsWith("<stream: ");
		assertThat(stream.toList()).containsExactly("a");
		assertThat(this.capture.capture(new ByteArrayInputStream(new byte[3])).stringValue()).startsWith("<stream: ");
	}

	@Test
	void binaryDataBecomesPlaceholder() {
		assertThat(this.capture.capture(new byte[1234]).stringValue()).isEqualTo("<binary data: 1234 bytes>");
	}

	@Test
	void hugeStringsAreCappedWithMarker() {
		String huge = "x".repeat(1000);
		String captured = this.capture.capture(huge).stringValue();
		assertThat(captured).startsWith("x".repeat(64)).endsWith("...<truncated 936 characters>");
	}

	@Test
	void cappingNeverSplitsASurrogatePair() {
		String text = "a".repeat(63) + "\uD83D\uDE00" + "b".repeat(10);
		String captured = this.capture.capture(text).stringValue();
		assertThat(captured).startsWith("a".repeat(63) + "...<truncated");
	}

	@Test
	void deepNestingIsCut() {
		List<Object> root = new ArrayList<>();
		List<Object> current = root;
		for (int i = 0; i < 50; i++) {
			List<Object> next = new ArrayList<>();
			current.add(next);
			current = next;
		}
		String json = this.capture.capture(root).toString();
		assertThat(json).contains(ValueCapture.MAX_DEPTH_EXCEEDED);
	}

	@Test
	void valuesAreCapturedAtLogTime() {
		Map<String, Object> mutable = new HashMap<>();
		mutable.put("status", "before");
		JsonNode node = this.capture.capture(mutable);
		mutable.put("status", "after");
		assertThat(node.get("status").stringValue()).isEqualTo("before");
	}

	@Test
	void objectWithoutPropertiesUsesToString() {
		assertThat(this.capture.capture(new Opaque()).stringValue()).isEqualTo("opaque thing");
	}

	@Test
	void exceptionsBecomeTypeAndMessage() {
		JsonNode node = this.capture.capture(new IllegalArgumentException("bad"));
		assertThat(node.get("type").stringValue()).isEqualTo("java.lang.IllegalArgumentException");
		assertThat(node.get("message").stringValue()).isEqualTo("bad");
	}

	static class Node {

		private final String name;

		private Node next;

		Node(String name) {
			this.name = name;
		}

		public String getName() {
			return this.name;
		}

		public Node getNext() {
			return this.next;
		}

	}

	static class Hostile {

		public String getFine() {
			return "ok";
		}

		public String getBroken() {
			throw new IllegalStateException("no way");
		}

	}

	static class Account {

		private final String userName;

		private final String password;

		Account(String userName, String password) {
			this.userName = userName;
			this.password = password;
		}

		@JsonProperty("user_name")
		public String getUserName() {
			return this.userName;
		}

		@JsonIgnore
		public String getPassword() {
			return this.password;
		}

	}

	record Point(int x, int y) {
	}

	static class Opaque {

		@Override
		public String toString() {
			return "opaque thing";
		}

	}

}

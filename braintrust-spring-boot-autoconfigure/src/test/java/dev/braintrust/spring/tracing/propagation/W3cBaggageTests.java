package dev.braintrust.spring.tracing.propagation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link W3cBaggage}.
 *
 * @author Braintrust
 */
class W3cBaggageTests {

	@Test
	void percentEncodesEverythingButUnreservedCharacters() {
		assertThat(W3cBaggage.percentEncode("project_name:my project")).isEqualTo("project_name%3Amy%20project");
		assertThat(W3cBaggage.percentEncode("a,b;c=d%e\"f\\g+h/i")).isEqualTo("a%2Cb%3Bc%3Dd%25e%22f%5Cg%2Bh%2Fi");
		assertThat(W3cBaggage.percentEncode("Ünïcødé 日本 🚀"))
			.isEqualTo("%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%9A%80");
		assertThat(W3cBaggage.percentEncode("AZaz09-._~")).isEqualTo("AZaz09-._~");
	}

	@ParameterizedTest
	@ValueSource(strings = { "project_name:my project", "project_name:Ünïcødé 日本 🚀 & co, ltd; 100%",
			"experiment_id:0b5e1f9c-7d2a-4c8e-9f31-2a6d8c4b7e10", "project_name:a=b|c:d", "", "%", "+ plus" })
	void roundTripsAnyValue(String value) {
		String encoded = W3cBaggage.percentEncode(value);
		assertThat(encoded).matches("[A-Za-z0-9%._~-]*");
		assertThat(W3cBaggage.percentDecode(encoded)).isEqualTo(value);
	}

	@Test
	void decodingKeepsPlusSignsAndLiteralCharacters() {
		assertThat(W3cBaggage.percentDecode("a+b")).isEqualTo("a+b");
		assertThat(W3cBaggage.percentDecode("%e6%97%a5")).isEqualTo("日");
		assertThat(W3cBaggage.percentDecode("日本")).isEqualTo("日本");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%", "%4", "abc%", "%zz", "%G1", "%C3", "%C3%28", "%FF" })
	void malformedEscapesDecodeToNull(String value) {
		assertThat(W3cBaggage.percentDecode(value)).isNull();
	}

	@Test
	void findsAMemberAcrossHeadersIgnoringPropertiesAndWhitespace() {
		List<String> headers = List.of("userId=alice, isProduction=false",
				" braintrust.parent = project_name%3Ademo ;ttl=60 , other=1");
		assertThat(W3cBaggage.find(headers, "braintrust.parent")).isEqualTo("project_name%3Ademo");
		assertThat(W3cBaggage.find(headers, "userId")).isEqualTo("alice");
		assertThat(W3cBaggage.find(headers, "missing")).isNull();
		assertThat(W3cBaggage.find(List.of(), "braintrust.parent")).isNull();
		assertThat(W3cBaggage.find(List.of("Braintrust.Parent=x"), "braintrust.parent")).isNull();
	}

	@Test
	void mergeAddsTheMemberAndKeepsTheOthersInOrder() {
		assertThat(W3cBaggage.merge(List.of(), "braintrust.parent", "project_name%3Ademo"))
			.isEqualTo("braintrust.parent=project_name%3Ademo");
		assertThat(W3cBaggage.merge(List.of("userId=alice;ttl=60, isProduction=false", "tenant=acme"),
				"braintrust.parent", "project_name%3Ademo"))
			.isEqualTo("userId=alice;ttl=60,isProduction=false,tenant=acme,braintrust.parent=project_name%3Ademo");
	}

	@Test
	void mergeReplacesAnEarlierValueOfTheSameMember() {
		assertThat(W3cBaggage.merge(List.of("a=1,braintrust.parent=project_name%3Aold,b=2"), "braintrust.parent",
				"project_name%3Anew"))
			.isEqualTo("a=1,b=2,braintrust.parent=project_name%3Anew");
	}

	@Test
	void mergeAcceptsUpToSixtyFourMembers() {
		List<String> sixtyThree = members(63);
		String merged = W3cBaggage.merge(List.of(String.join(",", sixtyThree)), "braintrust.parent", "v");
		assertThat(merged).isNotNull().startsWith(String.join(",", sixtyThree)).endsWith(",braintrust.parent=v");
		assertThat(merged.split(",")).hasSize(64);
		assertThat(W3cBaggage.merge(List.of(String.join(",", members(64))), "braintrust.parent", "v")).isNull();
		// replacing an existing member does not add one
		List<String> withParent = members(63);
		withParent.add("braintrust.parent=old");
		assertThat(W3cBaggage.merge(List.of(String.join(",", withParent)), "braintrust.parent", "v")).isNotNull();
	}

	@Test
	void mergeAcceptsUpToEightKilobytes() {
		String member = "braintrust.parent=v";
		// existing + "," + member is exactly 8192 bytes
		String existing = "k=" + "x".repeat(8192 - member.length() - 1 - 2);
		String merged = W3cBaggage.merge(List.of(existing), "braintrust.parent", "v");
		assertThat(merged).isEqualTo(existing + "," + member);
		assertThat(merged.getBytes(StandardCharsets.UTF_8)).hasSize(W3cBaggage.MAX_BYTES);
		assertThat(W3cBaggage.merge(List.of(existing + "x"), "braintrust.parent", "v") == null).isTrue();
	}

	@Test
	void byteLimitCountsUtf8Bytes() {
		String member = "braintrust.parent=v";
		// 'é' is two bytes in UTF-8: the header is 8193 bytes but only 8192 characters
		String existing = "k=" + "x".repeat(8192 - member.length() - 1 - 2 - 1) + "é";
		assertThat((existing + "," + member).length()).isEqualTo(W3cBaggage.MAX_BYTES);
		assertThat(W3cBaggage.merge(List.of(existing), "braintrust.parent", "v") == null).isTrue();
	}

	private static List<String> members(int count) {
		List<String> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			members.add("m" + i + "=" + i);
		}
		return members;
	}

}

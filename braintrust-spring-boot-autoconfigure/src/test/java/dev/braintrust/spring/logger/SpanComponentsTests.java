package dev.braintrust.spring.logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SpanComponents}, with the vectors of the shared protocol notes.
 *
 * @author Braintrust
 */
class SpanComponentsTests {

	@Test
	void parsesTheV4InteropVectorOfThePythonAndTypeScriptSdks() {
		SpanComponents components = SpanComponents.parse("BAECA6vN7xI0VniQBP7cugmHZUMh/ty6CYdlQyF7Im9iamVjdF9pZCI6Im"
				+ "pzLXRlc3QtZXhwZXJpbWVudC1pZCIsInJvd19pZCI6ImpzLXRlc3Qtcm93LWlkIn0=");
		assertThat(components.objectType()).isEqualTo(ObjectType.EXPERIMENT);
		assertThat(components.spanId()).isEqualTo("abcdef1234567890");
		assertThat(components.rootSpanId()).isEqualTo("fedcba0987654321fedcba0987654321");
		assertThat(components.objectId()).isEqualTo("js-test-experiment-id");
		assertThat(components.rowId()).isEqualTo("js-test-row-id");
	}

	@Test
	void parsesV3SpanVector() {
		SpanComponents components = SpanComponents.parse("AwEEASEmDns+FE8tjP5h8UU8N5ICP6Ue/y0/QQenUVXtwhS07QNZQsD7hc9L"
				+ "Ab1kc5Yt8JDDBFlCwPuFz0sBvWRzli3wkMM=");
		assertThat(components.objectType()).isEqualTo(ObjectType.EXPERIMENT);
		assertThat(components.objectId()).isEqualTo("21260e7b-3e14-4f2d-8cfe-61f1453c3792");
		assertThat(components.rowId()).isEqualTo("3fa51eff-2d3f-4107-a751-55edc214b4ed");
		assertThat(components.spanId()).isEqualTo("5942c0fb-85cf-4b01-bd64-73962df090c3");
		assertThat(components.rootSpanId()).isEqualTo("5942c0fb-85cf-4b01-bd64-73962df090c3");
	}

	@Test
	void parsesV3LazyProjectLogsVector() {
		SpanComponents components = SpanComponents.parse("AwIAeyJjb21wdXRlX29iamVjdF9tZXRhZGF0YV9hcmdzIjp7InByb2plY3R"
				+ "fbmFtZSI6Im15LXByb2plY3QiLCJwcm9qZWN0X2lkIjpudWxsfX0=");
		assertThat(components.objectType()).isEqualTo(ObjectType.PROJECT_LOGS);
		assertThat(components.projectName()).isEqualTo("my-project");
		assertThat(components.objectId()).isNull();
		assertThat(components.toObjectRef()).isEqualTo(ObjectRef.projectLogs("my-project", null));
	}

	@Test
	void v4ExportRoundTrips() {
		SpanComponents original = new SpanComponents(ObjectType.PROJECT_LOGS, null, "shop",
				"3fa51eff-2d3f-4107-a751-55edc214b4ed", "abcdef1234567890", "fedcba0987654321fedcba0987654321", null);
		String exported = original.export();
		assertThat(exported).startsWith("BAIC");
		assertThat(SpanComponents.parse(exported)).isEqualTo(original);
	}

	@Test
	void rejectsGarbageWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> SpanComponents.parse("not base64!!"))
			.withMessageStartingWith("Not an exported Braintrust span");
		assertThatIllegalArgumentException().isThrownBy(() -> SpanComponents.parse("CQEA"))
			.withMessageContaining("Unsupported exported span version 9");
	}

}

package dev.braintrust.spring.tracing.propagation;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.tracing.propagation.BraintrustParent.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustParent}.
 *
 * @author Braintrust
 */
class BraintrustParentTests {

	@Test
	void parsesEachKind() {
		assertThat(BraintrustParent.parse("project_id:5f1c")).isEqualTo(new BraintrustParent(Kind.PROJECT_ID, "5f1c"));
		assertThat(BraintrustParent.parse("project_name:my project: a|b"))
			.isEqualTo(new BraintrustParent(Kind.PROJECT_NAME, "my project: a|b"));
		assertThat(BraintrustParent.parse("experiment_id:e-1"))
			.isEqualTo(new BraintrustParent(Kind.EXPERIMENT_ID, "e-1"));
		assertThat(BraintrustParent.parse("Project_Name:x")).isEqualTo(new BraintrustParent(Kind.PROJECT_NAME, "x"));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "project_name", "project_name:", "project_name:   ", ":x", "dataset_id:d",
			"playground_id:p", "x-bt-parent" })
	void rejectsMalformedValues(String value) {
		assertThat(BraintrustParent.parse(value)).isNull();
	}

	@Test
	void formatsAsKindColonValue() {
		assertThat(new BraintrustParent(Kind.PROJECT_NAME, "a b").format()).isEqualTo("project_name:a b");
		assertThat(BraintrustParent.parse(new BraintrustParent(Kind.EXPERIMENT_ID, "e:1").format()))
			.isEqualTo(new BraintrustParent(Kind.EXPERIMENT_ID, "e:1"));
	}

	@Test
	void namesTheObjectOfASpan() {
		try (BraintrustLogger byName = BraintrustLogger.builder()
			.async(false)
			.target(ObjectRef.projectLogs("checkout", null))
			.build();
				BraintrustLogger byId = BraintrustLogger.builder()
					.async(false)
					.target(ObjectRef.projectLogs("checkout", "p-123"))
					.build()) {
			assertThat(BraintrustParent.of(byName.startSpan("a")))
				.isEqualTo(new BraintrustParent(Kind.PROJECT_NAME, "checkout"));
			assertThat(BraintrustParent.of(byId.startSpan("a")))
				.isEqualTo(new BraintrustParent(Kind.PROJECT_ID, "p-123"));
			ObjectRef experiment = ObjectRef.newExperiment("checkout", null, "nightly", null);
			assertThat(BraintrustParent.of(byName.forObject(experiment).startSpan("eval")))
				.isEqualTo(new BraintrustParent(Kind.EXPERIMENT_ID, experiment.key()));
			assertThat(BraintrustParent
				.of(byName.forObject(ObjectRef.dataset("checkout", null, "golden", null)).startSpan("record")))
				.isNull();
		}
	}

	@Test
	void receiverKeepsItsOwnTargetWhenItNamesTheSameObject() {
		ObjectRef receiver = ObjectRef.projectLogs("checkout", "p-123");
		assertThat(new BraintrustParent(Kind.PROJECT_NAME, "checkout").target(receiver)).isSameAs(receiver);
		assertThat(new BraintrustParent(Kind.PROJECT_ID, "p-123").target(receiver)).isSameAs(receiver);
		assertThat(new BraintrustParent(Kind.PROJECT_NAME, "billing").target(receiver))
			.isEqualTo(ObjectRef.projectLogs("billing", null));
		assertThat(new BraintrustParent(Kind.PROJECT_ID, "p-999").target(receiver))
			.isEqualTo(ObjectRef.projectLogs(null, "p-999"));
		ObjectRef experiment = new BraintrustParent(Kind.EXPERIMENT_ID, "e-42").target(receiver);
		assertThat(experiment.type()).isEqualTo(ObjectType.EXPERIMENT);
		assertThat(experiment.key()).isEqualTo("e-42");
		assertThat(experiment.projectName()).isEqualTo("checkout");
	}

}

package dev.braintrust.spring.logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Braintrust id an {@link ObjectRef} may carry, which tells the exporter an
 * object exists and must not be created.
 */
class ObjectRefObjectIdTests {

	@Test
	void onlyReferencesToExistingObjectsCarryAnId() {
		assertThat(ObjectRef.experiment("p", null, "e", "exp-id").objectId()).isEqualTo("exp-id");
		assertThat(ObjectRef.existingDataset("p", null, "d", "ds-id").objectId()).isEqualTo("ds-id");
		assertThat(ObjectRef.newExperiment("p", null, "e", null).objectId()).isNull();
		assertThat(ObjectRef.dataset("p", null, "d", null).objectId()).isNull();
		assertThat(ObjectRef.projectLogs("p", "project-id").objectId()).isNull();
	}

	@Test
	void theIdDoesNotChangeTheIdentityOfAReference() {
		ObjectRef existing = ObjectRef.existingDataset("p", null, "d", "ds-id");
		ObjectRef restored = ObjectRef.of(ObjectType.DATASET, "p", null, "d", "ds-id", null);
		assertThat(restored).isEqualTo(existing);
		assertThat(ObjectRef.of(ObjectType.DATASET, "p", null, "d", "ds-id", null, "ds-id").objectId())
			.isEqualTo("ds-id");
	}

	@Test
	void anExportedDatasetSpanNamesTheDatasetById() {
		String exported = new SpanComponents(ObjectType.DATASET, "ds-id", "p", "row", null, null, null).export();
		ObjectRef target = SpanParent.fromExported(exported).target();
		assertThat(target.type()).isEqualTo(ObjectType.DATASET);
		assertThat(target.objectId()).isEqualTo("ds-id");
		assertThat(target.key()).isEqualTo("ds-id");
	}

}

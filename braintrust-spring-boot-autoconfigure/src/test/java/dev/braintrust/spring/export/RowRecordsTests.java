package dev.braintrust.spring.export;

import java.nio.charset.StandardCharsets;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Tests for {@link RowRecords}.
 */
class RowRecordsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void roundTripsARowWithItsObjectAndKnownIds() {
		ObjectNode options = JSON.createObjectNode().put("description", "nightly");
		ObjectRef experiment = ObjectRef.newExperiment("shop", null, "nightly", options);
		LogRow row = new LogRow(experiment, RowKind.FEEDBACK, "row-1",
				"{\"id\":\"row-1\",\"scores\":{\"ok\":1}}".getBytes(StandardCharsets.UTF_8));
		byte[] line = RowRecords.encode(row, new RemoteIds("p-id", "e-id"));
		assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n");
		RowRecords.Decoded decoded = RowRecords.decode(line);
		assertThat(decoded.row().target()).isEqualTo(experiment);
		assertThat(decoded.row().target().createOptions()).isEqualTo(options);
		assertThat(decoded.row().kind()).isEqualTo(RowKind.FEEDBACK);
		assertThat(decoded.row().id()).isEqualTo("row-1");
		assertThat(JSON.readTree(decoded.row().json())).isEqualTo(JSON.readTree(row.json()));
		assertThat(decoded.ids()).isEqualTo(new RemoteIds("p-id", "e-id"));
	}

	@Test
	void keepsTheIdOfAnExistingObject() {
		ObjectRef existing = ObjectRef.experiment("shop", "p-id", "old", "e-id");
		LogRow row = new LogRow(existing, RowKind.EVENT, "r", "{\"id\":\"r\"}".getBytes(StandardCharsets.UTF_8));
		RowRecords.Decoded decoded = RowRecords.decode(RowRecords.encode(row, null));
		assertThat(decoded.row().target().objectId()).isEqualTo("e-id");
		assertThat(decoded.ids()).isNull();
	}

	@Test
	void refusesALineThatIsNotARecord() {
		assertThatRuntimeException()
			.isThrownBy(() -> RowRecords.decode("{\"id\":\"r\"}".getBytes(StandardCharsets.UTF_8)));
	}

}

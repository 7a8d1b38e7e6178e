package dev.braintrust.spring.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.RowKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InsertBatcher}.
 */
class InsertBatcherTests {

	private static final ObjectRef LOGS = ObjectRef.projectLogs("p", null);

	@Test
	void boundsRequestsByRowCount() {
		InsertBatcher.Split split = new InsertBatcher(3, 1024 * 1024).split(rows(7, 10));
		assertThat(split.requests()).extracting(List::size).containsExactly(3, 3, 1);
		assertThat(split.oversize()).isEmpty();
	}

	@Test
	void boundsRequestsByBytesIncludingTheEnvelope() {
		long max = 2048;
		InsertBatcher.Split split = new InsertBatcher(1000, max).split(rows(20, 300));
		assertThat(split.requests()).hasSizeGreaterThan(1);
		for (List<LogRow> request : split.requests()) {
			long bytes = InsertBatcher.ENVELOPE_BYTES + InsertBatcher.OBJECT_BYTES
					+ request.stream().mapToLong((row) -> row.json().length + 1).sum();
			assertThat(bytes).isLessThanOrEqualTo(max);
		}
		assertThat(split.requests().stream().mapToInt(List::size).sum()).isEqualTo(20);
	}

	@Test
	void setsApartRowsTooLargeForAnyRequestAndKeepsTheOrderOfTheOthers() {
		List<LogRow> rows = new ArrayList<>(rows(2, 10));
		rows.add(1, row("huge", 5000));
		InsertBatcher.Split split = new InsertBatcher(1000, 2048).split(rows);
		assertThat(split.oversize()).extracting(LogRow::id).containsExactly("huge");
		assertThat(split.requests()).singleElement()
			.satisfies((request) -> assertThat(request).extracting(LogRow::id).containsExactly("r0", "r1"));
	}

	private static List<LogRow> rows(int count, int size) {
		List<LogRow> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(row("r" + i, size));
		}
		return rows;
	}

	private static LogRow row(String id, int size) {
		String json = "{\"id\":\"" + id + "\",\"input\":\"" + "x".repeat(Math.max(0, size - 20)) + "\"}";
		return new LogRow(LOGS, RowKind.EVENT, id, json.getBytes(StandardCharsets.UTF_8));
	}

}

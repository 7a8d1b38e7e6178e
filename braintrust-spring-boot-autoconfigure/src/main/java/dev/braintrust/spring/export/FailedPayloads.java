package dev.braintrust.spring.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes rows that will not reach Braintrust to a directory, one JSON file per batch
 * ({@code payload_<epoch millis>_<8 hex>.json}, like the official SDKs'
 * {@code BRAINTRUST_FAILED_PUBLISH_PAYLOADS_DIR}), so nothing is lost without a trace:
 * {@code {"reason": ..., "rows": [<row record>, ...]}}. Without a directory nothing is
 * written.
 *
 * @author Braintrust
 */
final class FailedPayloads {

	private static final Log logger = LogFactory.getLog(FailedPayloads.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final @Nullable Path directory;

	private final Clock clock;

	FailedPayloads(@Nullable Path directory, Clock clock) {
		this.directory = (directory != null) ? directory.toAbsolutePath().normalize() : null;
		this.clock = clock;
	}

	/**
	 * Write rows.
	 * @param reason why they are written, without secrets
	 * @param rows the rows
	 * @param ids the known ids of their objects
	 * @return the file, or null when there is no directory or writing failed
	 */
	@Nullable Path write(String reason, List<LogRow> rows, Function<ObjectRef, @Nullable RemoteIds> ids) {
		if (this.directory == null || rows.isEmpty()) {
			return null;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("{\"reason\":".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(JSON.writeValueAsBytes(reason));
		out.writeBytes(",\"rows\":[\n".getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < rows.size(); i++) {
			if (i > 0) {
				out.writeBytes(",\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.writeBytes(RowRecords.encode(rows.get(i), ids.apply(rows.get(i).target())));
		}
		out.writeBytes("\n]}\n".getBytes(StandardCharsets.US_ASCII));
		Path file = this.directory
			.resolve("payload_" + this.clock.millis() + "_" + UUID.randomUUID().toString().substring(0, 8) + ".json");
		try {
			Files.createDirectories(this.directory);
			Files.write(file, out.toByteArray());
			return file;
		}
		catch (IOException ex) {
			logger.warn("Could not write undelivered Braintrust rows to " + file + " (" + ex.getMessage()
					+ "); check braintrust.export.failed-payloads-directory");
			return null;
		}
	}

}

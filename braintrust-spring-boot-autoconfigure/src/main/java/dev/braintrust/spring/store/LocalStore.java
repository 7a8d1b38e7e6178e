package dev.braintrust.spring.store;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.braintrust.spring.logger.LogRow;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.RowKind;
import dev.braintrust.spring.logger.RowMerger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded local store: every object (a project's logs, an experiment, a dataset) is
 * an append-only JSON Lines file holding its rows exactly as they would be sent to
 * Braintrust, beside a small JSON file describing the object. Layout under the store
 * directory:
 *
 * <pre>
 * &lt;project&gt;/logs.jsonl                     project logs (+ logs.json)
 * &lt;project&gt;/experiments/&lt;name&gt;-&lt;id&gt;.jsonl  one experiment (+ .json)
 * &lt;project&gt;/datasets/&lt;name&gt;.jsonl          one dataset (+ .json)
 * </pre>
 *
 * Writes come from one thread (the logger's worker); reads may come from any thread.
 * {@link #flush()} forces written rows to disk. A file whose last line was torn by a
 * crash is repaired when it is opened again: the incomplete line is cut off (and
 * reported), every complete row remains.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class LocalStore implements Closeable {

	private static final Log logger = LogFactory.getLog(LocalStore.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ROWS_SUFFIX = ".jsonl";

	private static final String META_SUFFIX = ".json";

	private final Path directory;

	private final Map<ObjectRef, ObjectFile> open = new ConcurrentHashMap<>();

	/**
	 * Open (and create if needed) a store.
	 * @param directory the store directory
	 * @throws LocalStoreException when the directory cannot be created or written
	 */
	public LocalStore(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			throw new LocalStoreException("Cannot create the Braintrust local store directory " + this.directory + " ("
					+ ex.getMessage() + ")", this.directory, ex);
		}
		if (!Files.isWritable(this.directory)) {
			throw new LocalStoreException("The Braintrust local store directory " + this.directory + " is not writable",
					this.directory, null);
		}
	}

	/**
	 * The store directory.
	 * @return the absolute directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Whether the store can be written now.
	 * @return true when the directory exists and is writable
	 */
	public boolean isWritable() {
		return Files.isDirectory(this.directory) && Files.isWritable(this.directory);
	}

	/**
	 * Append rows, grouped by object, each object's rows in one write.
	 * @param rows the rows
	 * @throws UncheckedIOException when a file cannot be written
	 */
	public void append(List<LogRow> rows) {
		Map<ObjectRef, ByteArrayOutputStream> byObject = new LinkedHashMap<>();
		for (LogRow row : rows) {
			ByteArrayOutputStream out = byObject.computeIfAbsent(row.target(), (target) -> new ByteArrayOutputStream());
			if (row.kind() == RowKind.FEEDBACK) {
				for (ObjectNode stored : FeedbackRows.toStoredRows(JSON.readTree(row.json()))) {
					out.writeBytes(JSON.writeValueAsBytes(stored));
					out.write('\n');
				}
			}
			else {
				out.writeBytes(row.json());
				out.write('\n');
			}
		}
		byObject.forEach((target, bytes) -> fileFor(target).write(bytes.toByteArray()));
	}

	/**
	 * Force everything written so far to disk.
	 * @throws UncheckedIOException when the disk refuses
	 */
	public void flush() {
		for (ObjectFile file : this.open.values()) {
			file.force();
		}
	}

	/**
	 * Make sure an object exists in the store, with its description, before any row is
	 * written.
	 * @param ref the object
	 * @return the stored object
	 */
	public StoredObject register(ObjectRef ref) {
		return fileFor(ref).describe();
	}

	/**
	 * List every object in the store.
	 * @return the objects, oldest first
	 */
	public List<StoredObject> listObjects() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		List<StoredObject> objects = new ArrayList<>();
		try (Stream<Path> paths = Files.walk(this.directory, 3)) {
			paths.filter((path) -> path.getFileName().toString().endsWith(META_SUFFIX))
				.forEach((meta) -> readDescription(meta).ifPresent(objects::add));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the Braintrust local store " + this.directory, ex);
		}
		objects.sort(Comparator.comparing(StoredObject::created).thenComparing(StoredObject::name));
		return objects;
	}

	/**
	 * List the objects of one kind in a project.
	 * @param type the kind
	 * @param projectName the project
	 * @return the objects, oldest first
	 */
	public List<StoredObject> listObjects(ObjectType type, String projectName) {
		return listObjects().stream()
			.filter((object) -> object.ref().type() == type && object.ref().projectName().equals(projectName))
			.toList();
	}

	/**
	 * Read an object's rows as written, merge rows included.
	 * @param ref the object
	 * @return the rows in the order written
	 */
	public List<ObjectNode> readRawRows(ObjectRef ref) {
		return readLines(rowsFile(ref));
	}

	/**
	 * Read an object's rows merged, as Braintrust would store them.
	 * @param ref the object
	 * @return one row per id, in the order each id first appeared
	 */
	public List<ObjectNode> readMergedRows(ObjectRef ref) {
		// the rows were just read: nothing else holds them
		return RowMerger.replayOwned(readRawRows(ref));
	}

	/**
	 * Read one trace of an object, merged.
	 * @param ref the object
	 * @param rootSpanId the trace's root span id
	 * @return the trace's rows
	 */
	public List<ObjectNode> readTrace(ObjectRef ref, String rootSpanId) {
		return readMergedRows(ref).stream()
			.filter((row) -> rootSpanId.equals(row.path("root_span_id").asString(null)))
			.toList();
	}

	/**
	 * The file holding an object's rows.
	 * @param ref the object
	 * @return the path, which may not exist yet
	 */
	public Path rowsFile(ObjectRef ref) {
		ObjectFile file = this.open.get(ref);
		return (file != null) ? file.rows : pathFor(ref, ROWS_SUFFIX);
	}

	/**
	 * A link to a row: the object's file, with the row id as the fragment.
	 * @param ref the object
	 * @param rowId the row id
	 * @return the link
	 */
	public String permalink(ObjectRef ref, String rowId) {
		return rowsFile(ref).toUri() + "#" + rowId;
	}

	/**
	 * The total size of the store's files.
	 * @return the size in bytes
	 */
	public long sizeBytes() {
		if (!Files.isDirectory(this.directory)) {
			return 0;
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			return paths.filter(Files::isRegularFile).mapToLong(LocalStore::size).sum();
		}
		catch (IOException | UncheckedIOException ex) {
			return -1;
		}
	}

	@Override
	public void close() {
		for (ObjectFile file : this.open.values()) {
			file.close();
		}
		this.open.clear();
	}

	private ObjectFile fileFor(ObjectRef ref) {
		return this.open.computeIfAbsent(ref, (key) -> new ObjectFile(key, pathFor(key, ROWS_SUFFIX)));
	}

	private Path pathFor(ObjectRef ref, String suffix) {
		Path project = this.directory.resolve(FileNames.safe(ref.projectName()));
		return switch (ref.type()) {
			case PROJECT_LOGS -> project.resolve("logs" + suffix);
			case EXPERIMENT -> project.resolve("experiments")
				.resolve(FileNames.safe(ref.name()) + "-" + FileNames.shortKey(ref.key()) + suffix);
			case DATASET -> project.resolve("datasets").resolve(FileNames.safe(ref.name()) + suffix);
		};
	}

	private Optional<StoredObject> readDescription(Path meta) {
		Path rows = meta.resolveSibling(meta.getFileName().toString().replaceFirst("\\.json$", ROWS_SUFFIX));
		try {
			JsonNode description = JSON.readTree(Files.readAllBytes(meta));
			ObjectType type = ObjectType.valueOf(description.path("object_type").asString("").toUpperCase(Locale.ROOT));
			JsonNode project = description.path("project");
			String projectId = project.path("id").asString(null);
			ObjectNode options = (description.get("options") instanceof ObjectNode node) ? node : null;
			ObjectRef ref = ObjectRef.of(type, project.path("name").asString(), projectId,
					description.path("name").asString(), description.path("id").asString(), options);
			Instant created = Instant.parse(description.path("created").asString());
			return Optional.of(new StoredObject(ref, created, rows, Files.exists(rows) ? Files.size(rows) : 0));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Skipping unreadable object description " + meta, ex);
			return Optional.empty();
		}
	}

	private static List<ObjectNode> readLines(Path file) {
		if (!Files.exists(file)) {
			return List.of();
		}
		List<ObjectNode> rows = new ArrayList<>();
		int skipped = 0;
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				try {
					if (JSON.readTree(line) instanceof ObjectNode row) {
						rows.add(row);
					}
					else {
						skipped++;
					}
				}
				catch (JacksonException ex) {
					// a torn line (still being written, or cut by a crash) is not a row
					skipped++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		if (skipped > 0) {
			logger.debug("Skipped " + skipped + " incomplete line(s) in " + file);
		}
		return rows;
	}

	private static long size(Path path) {
		try {
			return Files.size(path);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** One object's open rows file. */
	private final class ObjectFile {

		private final ObjectRef ref;

		private final Path rows;

		private final Path meta;

		private @Nullable FileChannel channel;

		private @Nullable StoredObject description;

		private boolean dirty;

		ObjectFile(ObjectRef ref, Path rows) {
			this.ref = ref;
			this.rows = rows;
			this.meta = rows.resolveSibling(rows.getFileName().toString().replaceFirst("\\.jsonl$", META_SUFFIX));
		}

		synchronized StoredObject describe() {
			if (this.description == null) {
				try {
					Files.createDirectories(this.rows.getParent());
					Optional<StoredObject> existing = Files.exists(this.meta) ? readDescription(this.meta)
							: Optional.empty();
					if (existing.isPresent()) {
						this.description = existing.get();
					}
					else {
						Instant created = Instant.now();
						writeDescription(created);
						this.description = new StoredObject(this.ref, created, this.rows, 0);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot create " + this.meta, ex);
				}
			}
			return this.description;
		}

		synchronized void write(byte[] bytes) {
			try {
				ensureOpen().write(ByteBuffer.wrap(bytes));
				this.dirty = true;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write Braintrust rows to " + this.rows, ex);
			}
		}

		synchronized void force() {
			if (this.channel != null && this.dirty) {
				try {
					this.channel.force(false);
					this.dirty = false;
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot force Braintrust rows to disk in " + this.rows, ex);
				}
			}
		}

		synchronized void close() {
			if (this.channel != null) {
				try {
					force();
					this.channel.close();
				}
				catch (IOException | UncheckedIOException ex) {
					logger.warn("Could not close " + this.rows + ": " + ex.getMessage());
				}
				this.channel = null;
			}
		}

		private FileChannel ensureOpen() throws IOException {
			if (this.channel == null) {
				describe();
				TornLineRepair.repair(this.rows);
				this.channel = FileChannel.open(this.rows, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.APPEND);
			}
			return this.channel;
		}

		private void writeDescription(Instant created) throws IOException {
			ObjectNode description = JSON.createObjectNode();
			description.put("object_type", this.ref.type().name().toLowerCase(Locale.ROOT));
			description.put("id", this.ref.key());
			description.put("name", this.ref.name());
			ObjectNode project = description.putObject("project");
			project.put("name", this.ref.projectName());
			if (this.ref.projectId() != null) {
				project.put("id", this.ref.projectId());
			}
			description.put("created", created.toString());
			ObjectNode options = this.ref.createOptions();
			if (!options.isEmpty()) {
				description.set("options", options);
			}
			Path temporary = this.meta.resolveSibling(this.meta.getFileName() + ".tmp");
			Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));
			try {
				Files.move(temporary, this.meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.meta, StandardCopyOption.REPLACE_EXISTING);
			}
		}

	}

}

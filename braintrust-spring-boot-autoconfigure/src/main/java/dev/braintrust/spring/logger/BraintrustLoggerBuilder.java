package dev.braintrust.spring.logger;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link BraintrustLogger}: the only way to make one. Setters validate their
 * arguments and say which value is wrong.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class BraintrustLoggerBuilder {

	/** Default capacity of the row queue. */
	public static final int DEFAULT_MAX_QUEUE_SIZE = 10_000;

	/** Default largest number of rows handed to the exporter at once. */
	public static final int DEFAULT_MAX_BATCH_SIZE = 512;

	/** Default largest batch, in bytes of serialized rows. */
	public static final long DEFAULT_MAX_BATCH_BYTES = 3L * 1024 * 1024;

	/** Default longest time a row waits before it is exported. */
	public static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofSeconds(1);

	/** Default longest time {@link BraintrustLogger#flush()} waits. */
	public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);

	/** Default longest time the final flush at shutdown waits. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/** Default shortest time between two warnings about dropped rows. */
	public static final Duration DEFAULT_DROP_LOG_INTERVAL = Duration.ofSeconds(60);

	private ObjectRef target = ObjectRef.projectLogs("Global", null);

	private LogExporter exporter = LogExporter.noop();

	private PipelineCounters counters = new PipelineCounters();

	private @Nullable MaskingFunction maskingFunction;

	private boolean async = true;

	private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;

	private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

	private long maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;

	private Duration scheduleDelay = DEFAULT_SCHEDULE_DELAY;

	private Duration exportTimeout = DEFAULT_EXPORT_TIMEOUT;

	private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

	private Duration dropLogInterval = DEFAULT_DROP_LOG_INTERVAL;

	private int maxStringLength = ValueCapture.DEFAULT_MAX_STRING_LENGTH;

	private int maxDepth = ValueCapture.DEFAULT_MAX_DEPTH;

	private boolean captureCaller = true;

	private Function<ObjectRef, @Nullable String> objectIds = BraintrustLoggerBuilder::defaultObjectId;

	private PermalinkResolver permalinks = (target, rowId) -> "braintrust:" + target.type().wireName() + "/"
			+ target.key() + "/" + rowId;

	private Supplier<@Nullable String> traceIdSource = () -> null;

	BraintrustLoggerBuilder() {
	}

	/**
	 * Set the object the logger writes to.
	 * @param target usually {@link ObjectRef#projectLogs(String, String)}
	 * @return this builder
	 */
	public BraintrustLoggerBuilder target(ObjectRef target) {
		this.target = require(target, "target");
		return this;
	}

	/**
	 * Set the exporter.
	 * @param exporter the exporter
	 * @return this builder
	 */
	public BraintrustLoggerBuilder exporter(LogExporter exporter) {
		this.exporter = require(exporter, "exporter");
		return this;
	}

	/**
	 * Set the counters the pipeline and its exporters share.
	 * @param counters the counters
	 * @return this builder
	 */
	public BraintrustLoggerBuilder counters(PipelineCounters counters) {
		this.counters = require(counters, "counters");
		return this;
	}

	/**
	 * Set the masking function.
	 * @param maskingFunction the function, or null for none
	 * @return this builder
	 */
	public BraintrustLoggerBuilder maskingFunction(@Nullable MaskingFunction maskingFunction) {
		this.maskingFunction = maskingFunction;
		return this;
	}

	/**
	 * Whether rows are exported by a background worker (the default) or on the calling
	 * thread, for short-lived processes.
	 * @param async true for the background worker
	 * @return this builder
	 */
	public BraintrustLoggerBuilder async(boolean async) {
		this.async = async;
		return this;
	}

	/**
	 * Set the queue capacity.
	 * @param maxQueueSize at least 1
	 * @return this builder
	 */
	public BraintrustLoggerBuilder maxQueueSize(int maxQueueSize) {
		this.maxQueueSize = positive(maxQueueSize, "braintrust.logger.async.max-queue-size");
		return this;
	}

	/**
	 * Set the largest number of rows handed to the exporter at once.
	 * @param maxBatchSize at least 1
	 * @return this builder
	 */
	public BraintrustLoggerBuilder maxBatchSize(int maxBatchSize) {
		this.maxBatchSize = positive(maxBatchSize, "braintrust.logger.async.max-batch-size");
		return this;
	}

	/**
	 * Set the largest batch in bytes; a single larger row still goes alone.
	 * @param maxBatchBytes at least 1024
	 * @return this builder
	 */
	public BraintrustLoggerBuilder maxBatchBytes(long maxBatchBytes) {
		if (maxBatchBytes < 1024) {
			throw new IllegalArgumentException(
					"braintrust.logger.async.max-batch-bytes must be at least 1KB, was " + maxBatchBytes + " bytes");
		}
		this.maxBatchBytes = maxBatchBytes;
		return this;
	}

	/**
	 * Set the longest time a row waits before export.
	 * @param scheduleDelay a positive duration
	 * @return this builder
	 */
	public BraintrustLoggerBuilder scheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = positive(scheduleDelay, "braintrust.logger.async.schedule-delay");
		return this;
	}

	/**
	 * Set how long {@link BraintrustLogger#flush()} waits.
	 * @param exportTimeout a positive duration
	 * @return this builder
	 */
	public BraintrustLoggerBuilder exportTimeout(Duration exportTimeout) {
		this.exportTimeout = positive(exportTimeout, "braintrust.logger.async.export-timeout");
		return this;
	}

	/**
	 * Set how long the final flush at shutdown waits.
	 * @param shutdownTimeout a positive duration
	 * @return this builder
	 */
	public BraintrustLoggerBuilder shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = positive(shutdownTimeout, "braintrust.logger.async.shutdown-timeout");
		return this;
	}

	/**
	 * Set the shortest time between two warnings about dropped rows.
	 * @param dropLogInterval a positive duration
	 * @return this builder
	 */
	public BraintrustLoggerBuilder dropLogInterval(Duration dropLogInterval) {
		this.dropLogInterval = positive(dropLogInterval, "braintrust.logger.async.drop-log-interval");
		return this;
	}

	/**
	 * Set the longest string kept in a row.
	 * @param maxStringLength at least 16 characters
	 * @return this builder
	 */
	public BraintrustLoggerBuilder maxStringLength(int maxStringLength) {
		if (maxStringLength < 16) {
			throw new IllegalArgumentException(
					"braintrust.logger.max-string-length must be at least 16, was " + maxStringLength);
		}
		this.maxStringLength = maxStringLength;
		return this;
	}

	/**
	 * Set the deepest nesting kept in a row.
	 * @param maxDepth at least 1
	 * @return this builder
	 */
	public BraintrustLoggerBuilder maxDepth(int maxDepth) {
		this.maxDepth = positive(maxDepth, "braintrust.logger.max-depth");
		return this;
	}

	/**
	 * Whether to record the caller's class, method, file and line on spans started
	 * without them (it costs a short stack walk).
	 * @param captureCaller true to record the caller
	 * @return this builder
	 */
	public BraintrustLoggerBuilder captureCaller(boolean captureCaller) {
		this.captureCaller = captureCaller;
		return this;
	}

	/**
	 * Set how exported spans name their object (by default the project id, or the
	 * experiment's key).
	 * @param objectIds the function
	 * @return this builder
	 */
	public BraintrustLoggerBuilder objectIds(Function<ObjectRef, @Nullable String> objectIds) {
		this.objectIds = require(objectIds, "objectIds");
		return this;
	}

	/**
	 * Set how links to rows are built.
	 * @param permalinks the resolver
	 * @return this builder
	 */
	public BraintrustLoggerBuilder permalinks(PermalinkResolver permalinks) {
		this.permalinks = require(permalinks, "permalinks");
		return this;
	}

	/**
	 * Set where new root spans take their trace id from, such as the current Micrometer
	 * trace; a supplier returning null (or an invalid id) gets a fresh one.
	 * @param traceIdSource the supplier
	 * @return this builder
	 */
	public BraintrustLoggerBuilder traceIdSource(Supplier<@Nullable String> traceIdSource) {
		this.traceIdSource = require(traceIdSource, "traceIdSource");
		return this;
	}

	/**
	 * Build the logger and start its pipeline.
	 * @return the logger
	 */
	public BraintrustLogger build() {
		RowEncoder encoder = new RowEncoder(this.maskingFunction);
		RowProcessor processor = this.async
				? new BatchingRowProcessor(this.exporter, encoder, this.counters, this.maxQueueSize, this.maxBatchSize,
						this.maxBatchBytes, this.scheduleDelay, this.dropLogInterval, this.exportTimeout)
				: new SynchronousRowProcessor(this.exporter, encoder, this.counters);
		SpanEngine engine = new SpanEngine(processor, new ValueCapture(this.maxStringLength, this.maxDepth),
				this.objectIds, this.permalinks, this.traceIdSource, this.captureCaller);
		return new DefaultBraintrustLogger(engine, processor, this.target, this.exportTimeout, this.shutdownTimeout,
				true);
	}

	private static @Nullable String defaultObjectId(ObjectRef target) {
		return switch (target.type()) {
			case PROJECT_LOGS -> target.projectId();
			case EXPERIMENT, DATASET -> target.key();
		};
	}

	private static <T> T require(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException("'" + name + "' must not be null");
		}
		return value;
	}

	private static int positive(int value, String property) {
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, was " + value);
		}
		return value;
	}

	private static Duration positive(@Nullable Duration value, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
		}
		return value;
	}

}

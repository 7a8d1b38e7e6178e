package dev.braintrust.spring.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.PipelineCounters;
import dev.braintrust.spring.store.LocalStore;
import dev.braintrust.spring.store.LocalStoreExporter;
import dev.braintrust.spring.store.StoredObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real logger writing to a real local store in a temporary directory, for eval tests.
 *
 * @author Braintrust
 */
final class EvalTestSupport implements AutoCloseable {

	final LocalStore store;

	final BraintrustLogger logger;

	EvalTestSupport(Path directory) {
		this.store = new LocalStore(directory);
		PipelineCounters counters = new PipelineCounters();
		this.logger = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs("eval-tests", null))
			.exporter(new LocalStoreExporter(this.store, counters))
			.counters(counters)
			.scheduleDelay(Duration.ofMillis(20))
			.maxQueueSize(100_000)
			.build();
	}

	EvalRunner.Builder runner() {
		return EvalRunner.builder(this.logger).localStore(this.store).progressInterval(Duration.ZERO);
	}

	List<ObjectNode> rows(ObjectRef experiment) {
		this.logger.flush();
		return this.store.readMergedRows(experiment);
	}

	List<StoredObject> experiments(String project) {
		return this.store.listObjects(ObjectType.EXPERIMENT, project);
	}

	@Override
	public void close() {
		this.logger.close();
	}

}

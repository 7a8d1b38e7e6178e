package dev.braintrust.spring.testsupport;

import java.time.Duration;
import java.util.function.Consumer;

import dev.braintrust.spring.export.HttpLogExporter;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.BraintrustLoggerBuilder;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PipelineCounters;

/**
 * A real logger exporting over real HTTP to a {@link FakeBraintrustServer}, wired as the
 * auto-configuration wires it in remote mode (links and object ids from the exporter),
 * with short schedule and backoff times for tests. Closing it closes the logger and the
 * server; tests still call {@link FakeBraintrustServer#assertNoValidationFailures()}.
 */
public final class RemoteLogging implements AutoCloseable {

	private final FakeBraintrustServer server;

	private final HttpLogExporter exporter;

	private final BraintrustLogger logger;

	private RemoteLogging(String project, Consumer<BraintrustLoggerBuilder> customizer) {
		this.server = FakeBraintrustServer.start();
		PipelineCounters counters = new PipelineCounters();
		this.exporter = HttpLogExporter.builder(this.server.url(), this.server.apiKey())
			.appUrl(this.server.url())
			.initialBackoff(Duration.ofMillis(5))
			.maxBackoff(Duration.ofMillis(20))
			.counters(counters)
			.build();
		BraintrustLoggerBuilder builder = BraintrustLogger.builder()
			.target(ObjectRef.projectLogs(project, null))
			.exporter(this.exporter)
			.counters(counters)
			.scheduleDelay(Duration.ofMillis(20))
			.permalinks(this.exporter.permalinks())
			.objectIds(this.exporter::objectId);
		customizer.accept(builder);
		this.logger = builder.build();
	}

	/**
	 * Start a server and a logger for a project.
	 * @param project the logger's project
	 * @return the fixture
	 */
	public static RemoteLogging start(String project) {
		return new RemoteLogging(project, (builder) -> {
		});
	}

	/**
	 * Start a server and a logger for a project, with more settings.
	 * @param project the logger's project
	 * @param customizer changes the logger's settings
	 * @return the fixture
	 */
	public static RemoteLogging start(String project, Consumer<BraintrustLoggerBuilder> customizer) {
		return new RemoteLogging(project, customizer);
	}

	/**
	 * The server.
	 * @return the server
	 */
	public FakeBraintrustServer server() {
		return this.server;
	}

	/**
	 * The exporter.
	 * @return the exporter
	 */
	public HttpLogExporter exporter() {
		return this.exporter;
	}

	/**
	 * The logger.
	 * @return the logger
	 */
	public BraintrustLogger logger() {
		return this.logger;
	}

	@Override
	public void close() {
		this.logger.close();
		this.server.close();
	}

}

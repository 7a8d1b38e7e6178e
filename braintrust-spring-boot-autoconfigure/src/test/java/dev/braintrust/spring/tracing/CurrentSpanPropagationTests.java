package dev.braintrust.spring.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CurrentSpanThreadLocalAccessor}: the current span follows work to
 * executors decorated the Spring way and through Reactor with automatic context
 * propagation, and never stays behind on a worker thread.
 *
 * @author Braintrust
 */
@Timeout(30)
class CurrentSpanPropagationTests {

	private final CapturingLogExporter exporter = new CapturingLogExporter();

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("propagation-tests", null))
		.exporter(this.exporter)
		.build();

	private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();

	private final Scheduler scheduler = Schedulers.fromExecutorService(this.worker, "worker");

	private final Jobs jobs = TracedMethodInterceptorTests.proxy(new Jobs(this.logger),
			new TracedMethodInterceptor(this.logger));

	@BeforeAll
	static void enableAutomaticContextPropagation() {
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterAll
	static void disableAutomaticContextPropagation() {
		Hooks.disableAutomaticContextPropagation();
	}

	@AfterEach
	void shutdown() throws InterruptedException {
		this.scheduler.dispose();
		this.worker.shutdownNow();
		this.worker.awaitTermination(5, TimeUnit.SECONDS);
		this.logger.close();
	}

	@Test
	void accessorIsRegisteredThroughTheServiceLoader() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anySatisfy((accessor) -> assertThat(accessor.key()).isEqualTo(CurrentSpanThreadLocalAccessor.KEY));
	}

	@Test
	void snapshotCarriesTheCurrentSpanAndRestoresThePreviousOne() throws Exception {
		Span span = this.logger.startSpan("outer");
		Runnable task;
		try (var scope = span.makeCurrent()) {
			task = ContextSnapshotFactory.builder().build().captureAll().wrap(() -> {
				assertThat(CurrentSpan.getOrNull()).isSameAs(span);
			});
		}
		this.worker.submit(task).get();
		assertThat(this.worker.submit(CurrentSpan::getOrNull).get()).isNull();
		span.end();
	}

	@Test
	void spanStartedOnADecoratedExecutorIsAChildOfTheTracedCall() throws Exception {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		executor.initialize();
		try {
			String childThread = this.jobs.fanOut(executor).get(5, TimeUnit.SECONDS);
			assertThat(childThread).isNotEqualTo(Thread.currentThread().getName());
			ObjectNode parent = this.exporter.span("Jobs.fanOut");
			ObjectNode child = this.exporter.span("background");
			assertThat(child.get("span_parents").get(0).asString()).isEqualTo(parent.get("span_id").asString());
			assertThat(child.get("root_span_id").asString()).isEqualTo(parent.get("root_span_id").asString());
			assertThat(this.exporter.endRows(parent)).isEqualTo(1);
			assertThat(this.exporter.endRows(child)).isEqualTo(1);
			assertThat(executor.submit(() -> Optional.ofNullable(CurrentSpan.getOrNull())).get()).isEmpty();
		}
		finally {
			executor.shutdown();
		}
	}

	@Test
	void monoWorkOnAnotherThreadRunsUnderTheTracedSpan() throws Exception {
		Mono<String> work = Mono.fromCallable(() -> {
			Span child = this.logger.startSpan("inside-mono");
			child.end();
			return Thread.currentThread().getName() + "|" + CurrentSpan.get().spanId();
		}).subscribeOn(this.scheduler);
		String seen = this.jobs.mono(work).block(Duration.ofSeconds(5));
		ObjectNode traced = this.exporter.span("Jobs.mono");
		assertThat(seen).doesNotStartWith(Thread.currentThread().getName())
			.endsWith("|" + traced.get("span_id").asString());
		ObjectNode child = this.exporter.span("inside-mono");
		assertThat(child.get("span_parents").get(0).asString()).isEqualTo(traced.get("span_id").asString());
		assertThat(this.exporter.endRows(traced)).isEqualTo(1);
		assertThat(CurrentSpan.getOrNull()).isNull();
		assertThat(this.worker.submit(CurrentSpan::getOrNull).get()).isNull();
	}

	@Test
	void fluxItemsPublishedOnAnotherThreadSeeTheTracedSpan() throws Exception {
		Flux<String> work = Flux.range(1, 3)
			.publishOn(this.scheduler)
			.map((item) -> item + ":" + CurrentSpan.get().spanId());
		List<String> items = this.jobs.flux(work).collectList().block(Duration.ofSeconds(5));
		ObjectNode traced = this.exporter.span("Jobs.flux");
		assertThat(items).hasSize(3).allSatisfy((item) -> assertThat(item).endsWith(traced.get("span_id").asString()));
		assertThat(this.exporter.endRows(traced)).isEqualTo(1);
		assertThat(this.worker.submit(CurrentSpan::getOrNull).get()).isNull();
	}

	@Test
	void cancelledFluxLeavesNoSpanOnTheWorker() throws Exception {
		Flux<Long> ticks = Flux.interval(Duration.ofMillis(1), this.scheduler);
		List<Long> first = this.jobs.ticks(ticks).take(3).collectList().block(Duration.ofSeconds(5));
		assertThat(first).containsExactly(0L, 1L, 2L);
		ObjectNode traced = this.exporter.span("Jobs.ticks");
		assertThat(traced.path("metadata").path("cancelled").asBoolean()).isTrue();
		assertThat(this.exporter.endRows(traced)).isEqualTo(1);
		assertThat(this.worker.submit(CurrentSpan::getOrNull).get()).isNull();
	}

	static class Jobs {

		private final BraintrustLogger logger;

		Jobs(BraintrustLogger logger) {
			this.logger = logger;
		}

		@Traced
		public CompletableFuture<String> fanOut(ThreadPoolTaskExecutor executor) {
			return executor.submitCompletable(() -> {
				Span child = this.logger.startSpan("background");
				child.end();
				return Thread.currentThread().getName();
			});
		}

		@Traced
		public Mono<String> mono(Mono<String> work) {
			return work;
		}

		@Traced
		public Flux<String> flux(Flux<String> work) {
			return work;
		}

		@Traced
		public Flux<Long> ticks(Flux<Long> work) {
			return work;
		}

	}

}

package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.tracing.CapturingLogExporter;
import dev.braintrust.spring.tracing.Traced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the current span on virtual threads: Spring Boot's virtual-thread task
 * executor ({@code spring.threads.virtual.enabled}) and a {@link SimpleAsyncTaskExecutor}
 * with virtual threads. Virtual threads need Java 21, so these tests are skipped on the
 * Java 17 baseline.
 *
 * @author Braintrust
 */
@Timeout(60)
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadTracingTests {

	@TempDir
	Path store;

	@Test
	void asyncMethodOnBootsVirtualThreadExecutorIsAChildOfTheCaller() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
					BraintrustTracingAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(VirtualThreadConfiguration.class)
			.withPropertyValues("braintrust.mode=local", "braintrust.local.directory=" + this.store,
					"braintrust.logger.async.enabled=false", "spring.threads.virtual.enabled=true",
					"spring.task.execution.propagate-context=true")
			.run((context) -> {
				assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(SimpleAsyncTaskExecutor.class);
				CapturingLogExporter exporter = context.getBean(CapturingLogExporter.class);
				Boolean virtual = context.getBean(Caller.class).call().get(10, TimeUnit.SECONDS);
				assertThat(virtual).isTrue();
				ObjectNode call = exporter.span("Caller.call");
				ObjectNode work = exporter.span("Worker.work");
				assertThat(work.get("span_parents").get(0).asString()).isEqualTo(call.get("span_id").asString());
				assertThat(work.get("root_span_id").asString()).isEqualTo(call.get("root_span_id").asString());
				assertThat(exporter.endRows(call)).isEqualTo(1);
				assertThat(exporter.endRows(work)).isEqualTo(1);
				assertThat(CurrentSpan.getOrNull()).isNull();
			});
	}

	@Test
	void spanFollowsWorkToAVirtualThreadAndStaysThere() throws Exception {
		CapturingLogExporter exporter = new CapturingLogExporter();
		try (BraintrustLogger logger = BraintrustLogger.builder().async(false).exporter(exporter).build()) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("virtual-");
			executor.setVirtualThreads(true);
			executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
			Span parent = logger.startSpan("parent");
			CompletableFuture<Boolean> onVirtualThread;
			try (var scope = parent.makeCurrent()) {
				onVirtualThread = executor.submitCompletable(() -> {
					Span child = logger.startSpan("child");
					child.end();
					return isVirtual(Thread.currentThread());
				});
			}
			assertThat(onVirtualThread.get(10, TimeUnit.SECONDS)).isTrue();
			parent.end();
			ObjectNode child = exporter.span("child");
			assertThat(child.get("span_parents").get(0).asString()).isEqualTo(parent.spanId());
			assertThat(executor.submitCompletable(() -> Optional.ofNullable(CurrentSpan.getOrNull()))
				.get(10, TimeUnit.SECONDS)).isEmpty();
		}
	}

	static boolean isVirtual(Thread thread) {
		try {
			// Thread.isVirtual() is Java 21 API; this code compiles for Java 17
			return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class VirtualThreadConfiguration {

		@Bean
		CapturingLogExporter capturingLogExporter() {
			return new CapturingLogExporter();
		}

		@Bean
		Worker worker() {
			return new Worker();
		}

		@Bean
		Caller caller(Worker worker) {
			return new Caller(worker);
		}

	}

	static class Caller {

		private final Worker worker;

		Caller(Worker worker) {
			this.worker = worker;
		}

		@Traced
		public CompletableFuture<Boolean> call() {
			return this.worker.work();
		}

	}

	static class Worker {

		@Async
		@Traced
		public CompletableFuture<Boolean> work() {
			return CompletableFuture.completedFuture(isVirtual(Thread.currentThread()));
		}

	}

}

package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.tracing.CapturingLogExporter;
import dev.braintrust.spring.tracing.Traced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @Traced} with {@code @Async} methods on Spring Boot's application task
 * executor, decorated to propagate context
 * ({@code spring.task.execution.propagate-context}).
 *
 * @author Braintrust
 */
@Timeout(60)
class AsyncTracingTests {

	@TempDir
	Path store;

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustAutoConfiguration.class,
					BraintrustTracingAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class)
			.withPropertyValues("braintrust.mode=local", "braintrust.local.directory=" + this.store,
					"braintrust.project=async-tests", "braintrust.logger.async.enabled=false",
					"spring.task.execution.propagate-context=true", "spring.task.execution.thread-name-prefix=async-");
	}

	@Test
	void asyncTracedMethodIsAChildOfTheCallerAndRunsOnTheExecutor() {
		runner().run((context) -> {
			CapturingLogExporter exporter = context.getBean(CapturingLogExporter.class);
			Orders orders = context.getBean(Orders.class);
			String[] threadAndSpan = orders.place("book").get(10, TimeUnit.SECONDS).split("\\|");
			assertThat(threadAndSpan[0]).startsWith("async-");
			ObjectNode place = exporter.span("Orders.place");
			ObjectNode confirm = exporter.span("Mailer.confirm");
			assertThat(confirm.get("span_parents").get(0).asString()).isEqualTo(place.get("span_id").asString());
			assertThat(confirm.get("root_span_id").asString()).isEqualTo(place.get("root_span_id").asString());
			assertThat(confirm.get("input").toString()).isEqualTo("{\"item\":\"book\"}");
			// the @Async method ran under its own span: @Traced applies on the executor
			assertThat(threadAndSpan[1]).isEqualTo(confirm.get("span_id").asString());
			assertThat(confirm.get("output").asString()).isEqualTo(String.join("|", threadAndSpan));
			assertThat(exporter.endRows(place)).isEqualTo(1);
			assertThat(exporter.endRows(confirm)).isEqualTo(1);
			assertNoSpanLeftOnTheExecutor(context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class));
		});
	}

	@Test
	void spanStartedInAnAsyncMethodIsAChildOfTheCaller() {
		runner().run((context) -> {
			CapturingLogExporter exporter = context.getBean(CapturingLogExporter.class);
			context.getBean(Orders.class).audit().get(10, TimeUnit.SECONDS);
			ObjectNode audit = exporter.span("Orders.audit");
			ObjectNode write = exporter.span("write-audit-log");
			assertThat(write.get("span_parents").get(0).asString()).isEqualTo(audit.get("span_id").asString());
			assertThat(exporter.endRows(write)).isEqualTo(1);
			assertNoSpanLeftOnTheExecutor(context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class));
		});
	}

	@Test
	void asyncVoidMethodsSpanCoversTheWorkOnTheExecutor() {
		runner().run((context) -> {
			CapturingLogExporter exporter = context.getBean(CapturingLogExporter.class);
			Mailer mailer = context.getBean(Mailer.class);
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			mailer.send(started, release);
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			// the work is running: had the span started on the caller's thread, it would
			// have ended when the task was submitted
			assertThat(exporter.span("Mailer.send").path("metrics").has("end")).isFalse();
			release.countDown();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(exporter.endRows(exporter.span("Mailer.send"))).isEqualTo(1));
			assertNoSpanLeftOnTheExecutor(context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class));
		});
	}

	static void assertNoSpanLeftOnTheExecutor(AsyncTaskExecutor executor) throws Exception {
		// The pool has several threads: ask enough times to visit them all.
		for (int i = 0; i < 16; i++) {
			assertThat(executor.submit(() -> Optional.ofNullable(CurrentSpan.getOrNull())).get(10, TimeUnit.SECONDS))
				.isEmpty();
		}
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		CapturingLogExporter capturingLogExporter() {
			return new CapturingLogExporter();
		}

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		@Bean
		AuditLog auditLog(BraintrustLogger logger) {
			return new AuditLog(logger);
		}

		@Bean
		Orders orders(Mailer mailer, AuditLog auditLog) {
			return new Orders(mailer, auditLog);
		}

	}

	static class Orders {

		private final Mailer mailer;

		private final AuditLog auditLog;

		Orders(Mailer mailer, AuditLog auditLog) {
			this.mailer = mailer;
			this.auditLog = auditLog;
		}

		@Traced
		public CompletableFuture<String> place(String item) {
			return this.mailer.confirm(item);
		}

		@Traced
		public CompletableFuture<Void> audit() {
			return this.auditLog.write();
		}

	}

	static class Mailer {

		@Async
		@Traced(captureInput = false)
		public void send(CountDownLatch started, CountDownLatch release) throws InterruptedException {
			started.countDown();
			release.await(10, TimeUnit.SECONDS);
		}

		@Async
		@Traced
		public CompletableFuture<String> confirm(String item) {
			return CompletableFuture
				.completedFuture(Thread.currentThread().getName() + "|" + CurrentSpan.get().spanId());
		}

	}

	static class AuditLog {

		private final BraintrustLogger logger;

		AuditLog(BraintrustLogger logger) {
			this.logger = logger;
		}

		@Async
		public CompletableFuture<Void> write() {
			Span span = this.logger.startSpan("write-audit-log");
			span.end();
			return CompletableFuture.completedFuture(null);
		}

	}

}

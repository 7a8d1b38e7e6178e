package dev.braintrust.spring.tracing;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TracedMethodInterceptor}, through proxies made by a
 * {@link ProxyFactory} and no application context.
 *
 * @author Braintrust
 */
@Timeout(30)
class TracedMethodInterceptorTests {

	private final CapturingLogExporter exporter = new CapturingLogExporter();

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("tracing-tests", null))
		.exporter(this.exporter)
		.build();

	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	private final Greeter target = new Greeter();

	private Greeter greeter;

	@BeforeEach
	void proxy() {
		this.greeter = proxy(this.target, new TracedMethodInterceptor(this.logger));
	}

	@AfterEach
	void shutdown() throws InterruptedException {
		this.worker.shutdownNow();
		this.worker.awaitTermination(5, TimeUnit.SECONDS);
		this.logger.close();
	}

	@Test
	void tracesASynchronousCallWithInputOutputAndMetrics() {
		assertThat(this.greeter.greet("Ada", 2)).isEqualTo("hello Ada, hello Ada");
		ObjectNode span = this.exporter.span("Greeter.greet");
		assertThat(span.path("span_attributes").path("type").asString()).isEqualTo("function");
		assertThat(span.get("input").toString()).isEqualTo("{\"name\":\"Ada\",\"times\":2}");
		assertThat(span.get("output").asString()).isEqualTo("hello Ada, hello Ada");
		assertThat(span.path("metrics").path("start").asDouble()).isPositive();
		assertThat(span.path("metrics").path("end").asDouble())
			.isGreaterThanOrEqualTo(span.path("metrics").path("start").asDouble());
		assertThat(span.path("span_parents").isNull()).isTrue();
		assertThat(span.path("context").path("caller_functionname").asString()).isEqualTo("Greeter.greet");
		assertThat(span.path("context").path("span_origin").path("instrumentation").path("name").asString())
			.isEqualTo("traced");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void spanIsCurrentOnlyDuringTheCall() {
		this.greeter.greet("Ada", 1);
		ObjectNode span = this.exporter.span("Greeter.greet");
		assertThat(this.target.currentDuringCall).isNotNull();
		assertThat(this.target.currentDuringCall.spanId()).isEqualTo(span.get("span_id").asString());
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	@Test
	void nameTypeAndCaptureComeFromTheAnnotation() {
		assertThat(this.greeter.quiet("s3cr3t")).isEqualTo("done");
		ObjectNode span = this.exporter.span("lookup");
		assertThat(span.path("span_attributes").path("type").asString()).isEqualTo("tool");
		assertThat(span.has("input")).isFalse();
		assertThat(span.has("output")).isFalse();
		assertThat(span.toString()).doesNotContain("s3cr3t");
	}

	@Test
	void nestedCallsNestSpans() {
		Greeter inner = proxy(new Greeter(), new TracedMethodInterceptor(this.logger));
		this.greeter.outer(inner);
		ObjectNode outer = this.exporter.span("Greeter.outer");
		ObjectNode child = this.exporter.span("Greeter.greet");
		assertThat(child.get("root_span_id").asString()).isEqualTo(outer.get("root_span_id").asString());
		assertThat(child.get("span_parents").get(0).asString()).isEqualTo(outer.get("span_id").asString());
		assertThat(outer.path("span_parents").isNull()).isTrue();
	}

	@Test
	void childOfTheCurrentSpan() {
		Span parent = this.logger.startSpan("request");
		try (var scope = parent.makeCurrent()) {
			this.greeter.greet("Ada", 1);
		}
		parent.end();
		ObjectNode span = this.exporter.span("Greeter.greet");
		assertThat(span.get("span_parents").get(0).asString()).isEqualTo(parent.spanId());
		assertThat(span.get("root_span_id").asString()).isEqualTo(parent.rootSpanId());
	}

	@Test
	void insideAnEvalTaskTheSpanGoesToTheExperiment() {
		ObjectRef experiment = ObjectRef.newExperiment("tracing-tests", null, "nightly", null);
		Span task = this.logger.forObject(experiment).startSpan("task");
		try (var scope = task.makeCurrent()) {
			this.greeter.greet("Ada", 1);
		}
		task.end();
		ObjectNode span = this.exporter.span("Greeter.greet");
		assertThat(this.exporter.target(span)).isEqualTo(experiment);
		assertThat(span.get("span_parents").get(0).asString()).isEqualTo(task.spanId());
		assertThat(span.path("span_attributes").path("type").asString()).isEqualTo("function");
	}

	@Test
	void exceptionIsRethrownAsTheSameObjectWithTheSameStackTrace() {
		IllegalStateException original = new IllegalStateException("card declined");
		StackTraceElement[] stackTrace = original.getStackTrace().clone();
		Throwable thrown = catchThrowable(() -> this.greeter.fail(original));
		assertThat(thrown).isSameAs(original);
		assertThat(thrown.getStackTrace()).containsExactly(stackTrace);
		assertThat(thrown.getCause()).isNull();
		assertThat(thrown.getSuppressed()).isEmpty();
		ObjectNode span = this.exporter.span("Greeter.fail");
		assertThat(span.get("error").asString()).startsWith("java.lang.IllegalStateException: card declined")
			.contains("at " + TracedMethodInterceptorTests.class.getName());
		assertThat(span.has("output")).isFalse();
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	@Test
	void checkedExceptionIsRethrownUnwrapped() {
		IOException original = new IOException("disk gone");
		Throwable thrown = catchThrowable(() -> this.greeter.read(original));
		assertThat(thrown).isSameAs(original);
		assertThat(this.exporter.span("Greeter.read").get("error").asString())
			.startsWith("java.io.IOException: disk gone");
	}

	@Test
	void classLevelAnnotationTracesPublicMethodsOnly() {
		Billing billing = proxy(new Billing(), new TracedMethodInterceptor(this.logger));
		assertThat(billing.charge(250)).isEqualTo("charged 250");
		assertThat(billing.internal()).isEqualTo("internal");
		assertThat(billing.toString()).isEqualTo("Billing");
		assertThat(billing.refund(1)).isEqualTo("refunded 1");
		assertThat(this.exporter.spans()).extracting((span) -> span.path("span_attributes").path("name").asString())
			.containsExactlyInAnyOrder("billing.charge", "refund");
		assertThat(this.exporter.span("refund").path("span_attributes").path("type").asString()).isEqualTo("tool");
	}

	@Test
	void worksOnJdkProxiesWithTheAnnotationOnTheInterface() {
		Search search = proxy(new DocumentSearch(), new TracedMethodInterceptor(this.logger), false);
		assertThat(AopUtils.isJdkDynamicProxy(search)).isTrue();
		assertThat(search.find("llama")).containsExactly("llama.md");
		ObjectNode span = this.exporter.span("DocumentSearch.find");
		assertThat(span.get("input").toString()).isEqualTo("{\"query\":\"llama\"}");
		assertThat(span.get("output").toString()).isEqualTo("[\"llama.md\"]");
	}

	@Test
	void noopLoggerRunsTheMethodWithoutSpans() {
		Greeter untraced = proxy(this.target, new TracedMethodInterceptor(BraintrustLogger.noop()));
		assertThat(untraced.greet("Ada", 1)).isEqualTo("hello Ada");
		assertThat(this.target.currentDuringCall).isNull();
		assertThat(this.exporter.spans()).isEmpty();
	}

	@Test
	void aLoggerThatFailsNeverFailsTheCall() {
		BraintrustLogger broken = (BraintrustLogger) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { BraintrustLogger.class }, (proxy, method, args) -> {
					throw new IllegalStateException("logger broken");
				});
		Greeter greeterWithBrokenLogger = proxy(new Greeter(), new TracedMethodInterceptor(broken));
		assertThat(greeterWithBrokenLogger.greet("Ada", 1)).isEqualTo("hello Ada");
		Greeter greeterWithoutLogger = proxy(new Greeter(), new TracedMethodInterceptor(() -> {
			throw new IllegalStateException("context closed");
		}, List::of));
		assertThat(greeterWithoutLogger.greet("Ada", 1)).isEqualTo("hello Ada");
	}

	@Test
	void aFailingAsyncResultHandlerEndsTheSpanAndReturnsTheResult() {
		AsyncResultHandler failing = new AsyncResultHandler() {

			@Override
			public boolean supports(Class<?> declaredReturnType) {
				return CompletableFuture.class.isAssignableFrom(declaredReturnType);
			}

			@Override
			public Object handle(@Nullable Object result, SpanCompletion completion) {
				throw new IllegalStateException("handler broken");
			}

		};
		Greeter greeterWithFailingHandler = proxy(new Greeter(),
				new TracedMethodInterceptor(() -> this.logger, () -> List.of(failing)));
		CompletableFuture<String> future = new CompletableFuture<>();
		assertThat(greeterWithFailingHandler.later(future)).isSameAs(future);
		assertThat(this.exporter.endRows(this.exporter.span("Greeter.later"))).isEqualTo(1);
	}

	@Test
	void completableFutureEndsTheSpanOnCompletionWithoutLeakingIt() throws Exception {
		CompletableFuture<String> source = new CompletableFuture<>();
		CompletableFuture<String> returned = this.greeter.later(source);
		assertThat(returned).isSameAs(source);
		assertThat(CurrentSpan.getOrNull()).isNull();
		assertThat(this.exporter.span("Greeter.later").path("metrics").has("end")).isFalse();
		AtomicReference<@Nullable Span> currentInCallback = new AtomicReference<>(Span.noop());
		returned.whenComplete((value, error) -> currentInCallback.set(CurrentSpan.getOrNull()));
		this.worker.submit(() -> source.complete("done")).get();
		ObjectNode span = this.exporter.span("Greeter.later");
		assertThat(span.get("output").asString()).isEqualTo("done");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
		assertThat(currentInCallback.get()).isNull();
		assertThat(this.worker.submit(CurrentSpan::getOrNull).get()).isNull();
	}

	@Test
	void completableFutureFailureIsTheSpansError() throws Exception {
		CompletableFuture<String> source = new CompletableFuture<>();
		this.greeter.later(source);
		this.worker.submit(() -> source.completeExceptionally(new IllegalArgumentException("no quota"))).get();
		ObjectNode span = this.exporter.span("Greeter.later");
		assertThat(span.get("error").asString()).startsWith("java.lang.IllegalArgumentException: no quota");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void completableFutureCancellationEndsTheSpanAsCancelled() {
		CompletableFuture<String> source = new CompletableFuture<>();
		this.greeter.later(source).cancel(true);
		source.complete("too late");
		ObjectNode span = this.exporter.span("Greeter.later");
		assertThat(span.path("metadata").path("cancelled").asBoolean()).isTrue();
		assertThat(span.has("error")).isFalse();
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void nullFutureEndsTheSpanImmediately() {
		assertThat(this.greeter.nothing()).isNull();
		assertThat(this.exporter.endRows(this.exporter.span("Greeter.nothing"))).isEqualTo(1);
	}

	@Test
	void monoEndsOnCompletionWithItsValue() {
		Mono<String> mono = this.greeter.mono(Mono.just("pong").delayElement(Duration.ofMillis(5)));
		assertThat(this.exporter.span("Greeter.mono").path("metrics").has("end")).isFalse();
		StepVerifier.create(mono).expectNext("pong").verifyComplete();
		ObjectNode span = this.exporter.span("Greeter.mono");
		assertThat(span.get("output").asString()).isEqualTo("pong");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void emptyMonoEndsWithoutOutput() {
		StepVerifier.create(this.greeter.mono(Mono.empty())).verifyComplete();
		ObjectNode span = this.exporter.span("Greeter.mono");
		assertThat(span.has("output")).isFalse();
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void monoErrorIsTheSpansError() {
		StepVerifier.create(this.greeter.mono(Mono.error(new IllegalStateException("mono failed"))))
			.verifyErrorMessage("mono failed");
		ObjectNode span = this.exporter.span("Greeter.mono");
		assertThat(span.get("error").asString()).startsWith("java.lang.IllegalStateException: mono failed");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void monoCancellationEndsTheSpanOnceAsCancelled() {
		Disposable subscription = this.greeter.mono(Mono.never()).subscribe();
		subscription.dispose();
		subscription.dispose();
		ObjectNode span = this.exporter.span("Greeter.mono");
		assertThat(span.path("metadata").path("cancelled").asBoolean()).isTrue();
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void monoCancelledAfterItsValueIsNotCancelled() {
		Disposable subscription = this.greeter.mono(Mono.just("v")).subscribe();
		subscription.dispose();
		ObjectNode span = this.exporter.span("Greeter.mono");
		assertThat(span.get("output").asString()).isEqualTo("v");
		assertThat(span.has("metadata")).isFalse();
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void fluxCollectsItsItemsAsTheOutput() {
		StepVerifier.create(this.greeter.flux(Flux.range(1, 5))).expectNext(1, 2, 3, 4, 5).verifyComplete();
		ObjectNode span = this.exporter.span("Greeter.flux");
		assertThat(span.get("output").toString()).isEqualTo("[1,2,3,4,5]");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void fluxErrorIsTheSpansError() {
		Flux<Integer> failing = Flux.concat(Flux.just(1, 2), Flux.error(new IllegalStateException("stream broke")));
		StepVerifier.create(this.greeter.flux(failing)).expectNext(1, 2).verifyErrorMessage("stream broke");
		ObjectNode span = this.exporter.span("Greeter.flux");
		assertThat(span.get("error").asString()).startsWith("java.lang.IllegalStateException: stream broke");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void fluxCancellationEndsTheSpanOnceWithTheItemsSoFar() {
		StepVerifier.create(this.greeter.flux(Flux.range(1, 100)).take(2)).expectNext(1, 2).verifyComplete();
		ObjectNode span = this.exporter.span("Greeter.flux");
		assertThat(span.path("metadata").path("cancelled").asBoolean()).isTrue();
		assertThat(span.get("output").toString()).isEqualTo("[1,2]");
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void fluxOutputBeyondTheLimitIsNotLogged() {
		Greeter limited = proxy(new Greeter(), new TracedMethodInterceptor(() -> this.logger,
				() -> List.of(new CompletionStageResultHandler(), new ReactorResultHandler(3))));
		StepVerifier.create(limited.flux(Flux.range(1, 3))).expectNextCount(3).verifyComplete();
		StepVerifier.create(limited.flux(Flux.range(1, 4))).expectNextCount(4).verifyComplete();
		List<ObjectNode> spans = this.exporter.spansNamed("Greeter.flux");
		assertThat(spans).hasSize(2);
		assertThat(spans.get(0).get("output").toString()).isEqualTo("[1,2,3]");
		assertThat(spans.get(1).has("output")).isFalse();
		assertThat(spans).allSatisfy((span) -> assertThat(this.exporter.endRows(span)).isEqualTo(1));
	}

	@Test
	void fluxLimitOfZeroLogsNoItemsAndMinusOneLogsAll() {
		Greeter none = proxy(new Greeter(),
				new TracedMethodInterceptor(() -> this.logger, () -> List.of(new ReactorResultHandler(0))));
		StepVerifier.create(none.flux(Flux.range(1, 3))).expectNextCount(3).verifyComplete();
		assertThat(this.exporter.span("Greeter.flux").has("output")).isFalse();
		this.exporter.clear();
		Greeter all = proxy(new Greeter(),
				new TracedMethodInterceptor(() -> this.logger, () -> List.of(new ReactorResultHandler(-1))));
		StepVerifier.create(all.flux(Flux.range(1, 1500))).expectNextCount(1500).verifyComplete();
		assertThat(this.exporter.span("Greeter.flux").get("output").size()).isEqualTo(1500);
	}

	@Test
	void defaultFluxLimitIsOneThousand() {
		StepVerifier.create(this.greeter.flux(Flux.range(1, 1001))).expectNextCount(1001).verifyComplete();
		assertThat(this.exporter.span("Greeter.flux").has("output")).isFalse();
		this.exporter.clear();
		StepVerifier.create(this.greeter.flux(Flux.range(1, 1000))).expectNextCount(1000).verifyComplete();
		assertThat(this.exporter.span("Greeter.flux").get("output").size()).isEqualTo(1000);
	}

	@Test
	void fluxWithOutputCaptureOffCollectsNothing() {
		StepVerifier.create(this.greeter.quietFlux(Flux.range(1, 3))).expectNextCount(3).verifyComplete();
		ObjectNode span = this.exporter.span("Greeter.quietFlux");
		assertThat(span.has("output")).isFalse();
		assertThat(this.exporter.endRows(span)).isEqualTo(1);
	}

	@Test
	void reactiveSpanIsPutInTheReactorContext() {
		Mono<String> readsContext = Mono.deferContextual((context) -> Mono
			.just(context.<Span>getOrEmpty(CurrentSpanThreadLocalAccessor.KEY).map(Span::spanId).orElse("none")));
		String seen = this.greeter.mono(readsContext).block(Duration.ofSeconds(5));
		assertThat(seen).isEqualTo(this.exporter.span("Greeter.mono").get("span_id").asString());
	}

	static <T> T proxy(T target, TracedMethodInterceptor interceptor) {
		return proxy(target, interceptor, true);
	}

	@SuppressWarnings("unchecked")
	static <T> T proxy(T target, TracedMethodInterceptor interceptor, boolean proxyTargetClass) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(proxyTargetClass);
		if (!proxyTargetClass) {
			factory.setInterfaces(target.getClass().getInterfaces());
		}
		factory.addAdvice(interceptor);
		return (T) factory.getProxy();
	}

	static class Greeter {

		volatile @Nullable Span currentDuringCall;

		@Traced
		public String greet(String name, int times) {
			this.currentDuringCall = CurrentSpan.getOrNull();
			return String.join(", ", java.util.Collections.nCopies(times, "hello " + name));
		}

		@Traced(name = "lookup", type = SpanType.TOOL, captureInput = false, captureOutput = false)
		public String quiet(String secret) {
			return "done";
		}

		@Traced
		public String outer(Greeter inner) {
			return inner.greet("nested", 1);
		}

		@Traced
		public void fail(RuntimeException ex) {
			throw ex;
		}

		@Traced
		public String read(IOException ex) throws IOException {
			throw ex;
		}

		@Traced
		public CompletableFuture<String> later(CompletableFuture<String> future) {
			return future;
		}

		@Traced
		public @Nullable CompletableFuture<String> nothing() {
			return null;
		}

		@Traced
		public Mono<String> mono(Mono<String> mono) {
			return mono;
		}

		@Traced
		public Flux<Integer> flux(Flux<Integer> flux) {
			return flux;
		}

		@Traced(captureOutput = false)
		public Flux<Integer> quietFlux(Flux<Integer> flux) {
			return flux;
		}

	}

	@Traced(name = "billing")
	static class Billing {

		public String charge(int cents) {
			return "charged " + cents;
		}

		String internal() {
			return "internal";
		}

		@Traced(name = "refund", type = SpanType.TOOL)
		public String refund(int cents) {
			return "refunded " + cents;
		}

		@Override
		public String toString() {
			return "Billing";
		}

	}

	interface Search {

		@Traced
		List<String> find(String query);

	}

	static class DocumentSearch implements Search {

		@Override
		public List<String> find(String query) {
			return List.of(query + ".md");
		}

	}

}

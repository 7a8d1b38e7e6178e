package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.logger.SpanType;
import dev.braintrust.spring.tracing.AsyncResultHandler;
import dev.braintrust.spring.tracing.CapturingLogExporter;
import dev.braintrust.spring.tracing.CompletionStageResultHandler;
import dev.braintrust.spring.tracing.ReactorResultHandler;
import dev.braintrust.spring.tracing.SpanCompletion;
import dev.braintrust.spring.tracing.Traced;
import dev.braintrust.spring.tracing.TracedAnnotationBeanPostProcessor;
import dev.braintrust.spring.tracing.TracedMethodInterceptor;
import io.micrometer.context.ContextRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link BraintrustTracingAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustTracingAutoConfigurationTests {

	@TempDir
	Path store;

	private ApplicationContextRunner runner() {
		return wiringRunner().withUserConfiguration(TracedBeans.class);
	}

	/**
	 * Without beans to proxy: CGLIB cannot subclass this test's package-private classes
	 * from the class loader a {@link FilteredClassLoader} test uses.
	 */
	private ApplicationContextRunner wiringRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(BraintrustAutoConfiguration.class, BraintrustTracingAutoConfiguration.class))
			.withPropertyValues("braintrust.local.directory=" + this.store, "braintrust.project=wiring",
					"braintrust.logger.async.enabled=false");
	}

	@Test
	void tracesAnnotatedBeansByDefault() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(TracedAnnotationBeanPostProcessor.class)
				.hasSingleBean(CompletionStageResultHandler.class)
				.hasSingleBean(ReactorResultHandler.class)
				.hasSingleBean(CurrentSpanContextRegistration.class);
			assertThat(context.getBean(CurrentSpanContextRegistration.class).isRegistered()).isTrue();
			Inventory inventory = context.getBean(Inventory.class);
			assertThat(AopUtils.isCglibProxy(inventory)).isTrue();
			assertThat(inventory.count("apples")).isEqualTo(6);
			CapturingLogExporter exporter = context.getBean(CapturingLogExporter.class);
			ObjectNode span = exporter.span("Inventory.count");
			assertThat(span.get("input").toString()).isEqualTo("{\"item\":\"apples\"}");
			assertThat(span.get("output").asInt()).isEqualTo(6);
		});
	}

	@Test
	void beanWithAnInterfaceGetsAJdkProxy() {
		runner().run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThat(AopUtils.isJdkDynamicProxy(catalog)).isTrue();
			assertThat(catalog.describe("pear")).isEqualTo("a pear");
			ObjectNode span = context.getBean(CapturingLogExporter.class).span("describe");
			assertThat(span.path("span_attributes").path("type").asString()).isEqualTo("tool");
		});
	}

	@Test
	void exceptionThroughTheContextsProxyIsTheSameObject() {
		runner().run((context) -> {
			IllegalArgumentException failure = new IllegalArgumentException("unknown item");
			StackTraceElement[] stackTrace = failure.getStackTrace().clone();
			Throwable thrown = catchThrowable(() -> context.getBean(Inventory.class).fail(failure));
			assertThat(thrown).isSameAs(failure);
			assertThat(thrown.getStackTrace()).containsExactly(stackTrace);
			assertThat(context.getBean(CapturingLogExporter.class).span("Inventory.fail").get("error").asString())
				.startsWith("java.lang.IllegalArgumentException: unknown item");
		});
	}

	@Test
	void annotationsCanBeSwitchedOff() {
		runner().withPropertyValues("braintrust.tracing.annotations.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TracedAnnotationBeanPostProcessor.class);
			Inventory inventory = context.getBean(Inventory.class);
			assertThat(AopUtils.isAopProxy(inventory)).isFalse();
			inventory.count("apples");
			assertThat(context.getBean(CapturingLogExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void disabledBraintrustStillRunsTracedMethods() {
		runner().withPropertyValues("braintrust.enabled=false").run((context) -> {
			assertThat(context.getBean(Inventory.class).count("apples")).isEqualTo(6);
			assertThat(context.getBean(CapturingLogExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void backsOffWithoutAop() {
		runner().withClassLoader(new FilteredClassLoader(MethodInterceptor.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(TracedAnnotationBeanPostProcessor.class)
				.doesNotHaveBean(CompletionStageResultHandler.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Inventory.class))).isFalse();
		});
	}

	@Test
	void reactorHandlerOnlyWithReactor() {
		wiringRunner().withClassLoader(new FilteredClassLoader(Flux.class))
			.run((context) -> assertThat(context).hasSingleBean(TracedAnnotationBeanPostProcessor.class)
				.hasSingleBean(CompletionStageResultHandler.class)
				.doesNotHaveBean(ReactorResultHandler.class));
	}

	@Test
	void contextRegistrationOnlyWithContextPropagation() {
		wiringRunner().withClassLoader(new FilteredClassLoader(ContextRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(TracedAnnotationBeanPostProcessor.class)
				.doesNotHaveBean(CurrentSpanContextRegistration.class));
	}

	@Test
	void fluxLimitComesFromTheProperty() {
		runner().withPropertyValues("braintrust.tracing.annotations.max-flux-items=2").run((context) -> {
			StepVerifier.create(context.getBean(Inventory.class).stream(2)).expectNextCount(2).verifyComplete();
			StepVerifier.create(context.getBean(Inventory.class).stream(3)).expectNextCount(3).verifyComplete();
			List<ObjectNode> spans = context.getBean(CapturingLogExporter.class).spansNamed("Inventory.stream");
			assertThat(spans.get(0).get("output").toString()).isEqualTo("[0,1]");
			assertThat(spans.get(1).has("output")).isFalse();
		});
		runner().withPropertyValues("braintrust.tracing.annotations.max-flux-items=-2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("braintrust.tracing.annotations.max-flux-items"));
	}

	@Test
	void userPostProcessorReplacesOurs() {
		runner()
			.withBean("myTracedPostProcessor", TracedAnnotationBeanPostProcessor.class,
					() -> new TracedAnnotationBeanPostProcessor(
							new TracedMethodInterceptor(dev.braintrust.spring.logger.BraintrustLogger.noop())))
			.run((context) -> assertThat(context).hasSingleBean(TracedAnnotationBeanPostProcessor.class)
				.hasBean("myTracedPostProcessor"));
	}

	@Test
	void userAsyncResultHandlerBeanEndsSpansOfItsType() {
		runner().withUserConfiguration(PromiseHandlerConfiguration.class).run((context) -> {
			Promise<String> promise = context.getBean(Inventory.class).restock("plums");
			CapturingLogExporter exporter = context.getBean(CapturingLogExporter.class);
			assertThat(exporter.span("Inventory.restock").path("metrics").has("end")).isFalse();
			promise.resolve("12 plums");
			ObjectNode span = exporter.span("Inventory.restock");
			assertThat(span.get("output").asString()).isEqualTo("12 plums");
			assertThat(exporter.endRows(span)).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TracedBeans {

		@Bean
		CapturingLogExporter capturingLogExporter() {
			return new CapturingLogExporter();
		}

		@Bean
		Inventory inventory() {
			return new Inventory();
		}

		@Bean
		Catalog catalog() {
			return new FruitCatalog();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PromiseHandlerConfiguration {

		@Bean
		@Order(0)
		AsyncResultHandler promiseResultHandler() {
			return new AsyncResultHandler() {

				@Override
				public boolean supports(Class<?> declaredReturnType) {
					return Promise.class.isAssignableFrom(declaredReturnType);
				}

				@Override
				public @Nullable Object handle(@Nullable Object result, SpanCompletion completion) {
					((Promise<?>) result).onDone(completion::complete);
					return result;
				}

			};
		}

	}

	static class Inventory {

		@Traced
		public int count(String item) {
			return item.length();
		}

		@Traced
		public void fail(RuntimeException ex) {
			throw ex;
		}

		@Traced
		public Flux<Integer> stream(int items) {
			return Flux.range(0, items);
		}

		@Traced
		public Promise<String> restock(String item) {
			return new Promise<>();
		}

	}

	interface Catalog {

		String describe(String item);

	}

	static class FruitCatalog implements Catalog {

		@Override
		@Traced(name = "describe", type = SpanType.TOOL)
		public String describe(String item) {
			return "a " + item;
		}

	}

	/**
	 * A minimal asynchronous type, to show the {@link AsyncResultHandler} SPI.
	 */
	static class Promise<T> {

		private final List<Consumer<T>> callbacks = new ArrayList<>();

		synchronized void onDone(Consumer<T> callback) {
			this.callbacks.add(callback);
		}

		synchronized void resolve(T value) {
			this.callbacks.forEach((callback) -> callback.accept(value));
		}

	}

}

package dev.braintrust.spring.eval;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EvalMethodProcessor}.
 *
 * @author Braintrust
 */
class EvalMethodProcessorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withBean(EvalMethodProcessor.class)
		.withBean(EvalRegistry.class);

	@Test
	void registersEvalDefinitionBeansAndEvalMethods() {
		this.contextRunner.withUserConfiguration(EvalsConfiguration.class).run((context) -> {
			EvalRegistry registry = context.getBean(EvalRegistry.class);
			assertThat(registry.names()).containsExactlyInAnyOrder("annotated-class", "plainDefinition",
					"annotated-bean", "fromMethod", "named-method");
			RegisteredEval annotatedClass = registry.get("annotated-class");
			assertThat(annotatedClass.source()).startsWith("bean '" + AnnotatedClassEval.class.getName() + "'");
			assertThat(annotatedClass.optionOverrides().trialCount()).isEqualTo(3);
			assertThat(annotatedClass.optionOverrides().timeout()).hasSeconds(30);
			assertThat(annotatedClass.optionOverrides().project()).isEqualTo("shop");
			assertThat(annotatedClass.definition()).isSameAs(context.getBean(AnnotatedClassEval.class));
			assertThat(registry.get("annotated-bean").optionOverrides().tags()).containsExactly("nightly");
			assertThat(registry.get("named-method").optionOverrides().maxConcurrency()).isEqualTo(2);
		});
	}

	@Test
	void callsEvalMethodsEachTimeTheDefinitionIsNeeded() {
		this.contextRunner.withUserConfiguration(EvalsConfiguration.class).run((context) -> {
			MethodEvals methods = context.getBean(MethodEvals.class);
			RegisteredEval eval = context.getBean(EvalRegistry.class).get("fromMethod");
			int before = methods.calls.get();

			eval.definition();
			eval.definition();

			assertThat(methods.calls.get()).isEqualTo(before + 2);
			assertThat(eval.source()).isEqualTo("method " + MethodEvals.class.getName() + ".fromMethod()");
		});
	}

	@Test
	void failsOnEvalOnAClassThatIsNoDefinition() {
		this.contextRunner.withBean(NotADefinition.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(BeanInitializationException.class)
				.hasMessageContaining("@Eval is on class " + NotADefinition.class.getName())
				.hasMessageContaining("does not implement");
		});
	}

	@Test
	void failsOnEvalMethodsWithArguments() {
		this.contextRunner.withBean(MethodWithArguments.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("must take no arguments and return an " + "EvalDefinition");
		});
	}

	@Test
	void failsOnTwoEvalsWithOneName() {
		this.contextRunner.withUserConfiguration(DuplicateConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("Two evals are named 'twice'");
		});
	}

	private static EvalDefinition<String, String> definition() {
		return EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("a", "a")))
			.task((input) -> input)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ AnnotatedClassEval.class, MethodEvals.class })
	static class EvalsConfiguration {

		@Bean
		EvalDefinition<String, String> plainDefinition() {
			return definition();
		}

		@Bean
		@Eval(name = "annotated-bean", tags = "nightly")
		EvalDefinition<String, String> annotatedBean() {
			return definition();
		}

	}

	@Component
	@Eval(name = "annotated-class", project = "shop", trialCount = 3, timeout = "30s")
	static class AnnotatedClassEval implements EvalDefinition<String, String> {

		@Override
		public EvalData<String, String> data() {
			return EvalData.of(EvalCase.of("a", "a"));
		}

		@Override
		public String task(String input, EvalHooks<String> hooks) {
			return input;
		}

		@Override
		public List<Scorer> scorers() {
			return List.of();
		}

	}

	@Component
	static class MethodEvals {

		final AtomicInteger calls = new AtomicInteger();

		@Eval
		EvalDefinition<String, String> fromMethod() {
			this.calls.incrementAndGet();
			return definition();
		}

		@Eval(value = "named-method", maxConcurrency = 2)
		EvalDefinition<String, String> anotherMethod() {
			return definition();
		}

	}

	@Eval("not-a-definition")
	static class NotADefinition {

	}

	static class MethodWithArguments {

		@Eval
		EvalDefinition<String, String> withArgument(String argument) {
			return definition();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateConfiguration {

		@Bean
		@Eval("twice")
		EvalDefinition<String, String> first() {
			return definition();
		}

		@Bean
		@Eval("twice")
		EvalDefinition<String, String> second() {
			return definition();
		}

	}

}

package dev.braintrust.spring.boot.autoconfigure.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalCase;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.Scorer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A tiny application with two evals, for the run-on-startup tests. Its accuracy comes
 * from the {@code test.accuracy} property. Run as a main class by the forked-JVM test:
 * with {@code braintrust.eval.exit-after-run} the JVM exits from the eval run; reaching
 * the end of {@code main} means it did not, which exits with 42.
 *
 * @author Braintrust
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ BraintrustAutoConfiguration.class, BraintrustEvalAutoConfiguration.class })
public class ArithmeticEvalApplication {

	static final int DID_NOT_EXIT = 42;

	public static void main(String[] args) {
		new SpringApplicationBuilder(ArithmeticEvalApplication.class).web(WebApplicationType.NONE).run(args);
		System.exit(DID_NOT_EXIT);
	}

	@Bean
	@Eval("arithmetic")
	EvalDefinition<Integer, Integer> arithmetic(Environment environment) {
		double accuracy = environment.getProperty("test.accuracy", Double.class, 1.0);
		List<EvalCase<Integer, Integer>> cases = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			cases.add(EvalCase.of(i, i * 2));
		}
		return EvalDefinition.<Integer, Integer>builder()
			.data(EvalData.of(cases))
			.task((input) -> (input < accuracy * 10) ? input * 2 : -1)
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.build();
	}

	@Bean
	@Eval("echo")
	EvalDefinition<String, String> echo() {
		return EvalDefinition.<String, String>builder()
			.data(EvalData.of(EvalCase.of("a", "a")))
			.task((input) -> input)
			.scorers(Scorer.of("same", (args) -> Objects.equals(args.output(), args.expected())))
			.build();
	}

}

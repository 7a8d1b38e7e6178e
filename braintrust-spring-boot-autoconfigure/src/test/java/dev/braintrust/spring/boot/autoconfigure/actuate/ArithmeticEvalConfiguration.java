package dev.braintrust.spring.boot.autoconfigure.actuate;

import java.util.Objects;

import dev.braintrust.spring.eval.Eval;
import dev.braintrust.spring.eval.EvalCase;
import dev.braintrust.spring.eval.EvalData;
import dev.braintrust.spring.eval.EvalDefinition;
import dev.braintrust.spring.eval.Scorer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An eval named {@code arithmetic} of four cases: two right, one wrong and one whose task
 * throws, so its {@code exact} score has a mean of 2/3 and it has one error.
 *
 * @author Braintrust
 */
@Configuration(proxyBeanMethods = false)
class ArithmeticEvalConfiguration {

	@Bean
	@Eval("arithmetic")
	EvalDefinition<Integer, Integer> arithmetic() {
		return EvalDefinition.<Integer, Integer>builder()
			.data(EvalData.of(EvalCase.of(1, 2), EvalCase.of(2, 5), EvalCase.of(3, 6), EvalCase.of(0, 0)))
			.task((input) -> {
				if (input == 0) {
					throw new IllegalArgumentException("zero");
				}
				return input * 2;
			})
			.scorers(Scorer.of("exact", (args) -> Objects.equals(args.output(), args.expected())))
			.build();
	}

}

package dev.braintrust.spring.eval;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an eval for the {@link EvalRunner}:
 * <ul>
 * <li>on a bean class that implements {@link EvalDefinition};</li>
 * <li>on a {@code @Bean} method that returns an {@link EvalDefinition};</li>
 * <li>on a no-argument method of any bean that returns an {@link EvalDefinition}, called
 * each time the eval runs (so it can read the current state of the application).</li>
 * </ul>
 * Every {@link EvalDefinition} bean is an eval even without this annotation; the
 * annotation names it and sets options. Attributes left at their defaults leave the
 * definition's {@link EvalDefinition#options() options} alone; the others override them.
 *
 * <pre class="code">
 * &#64;Component
 * class SupportEvals {
 *
 *     &#64;Eval(name = "support-bot", trialCount = 2, timeout = "30s")
 *     EvalDefinition&lt;String, String&gt; supportBot() {
 *         return EvalDefinition.&lt;String, String&gt;builder()
 *             .data(EvalData.jsonLines("classpath:evals/support.jsonl", String.class, String.class))
 *             .task((question) -&gt; this.assistant.answer(question))
 *             .scorers(new ExactMatch())
 *             .build();
 *     }
 *
 * }
 * </pre>
 *
 * This annotation depends on nothing from Spring.
 *
 * @author Braintrust
 * @since 0.1.0
 * @see EvalDefinition
 * @see EvalRunner
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Eval {

	/**
	 * Alias for {@link #name()}.
	 * @return the eval name
	 */
	String value() default "";

	/**
	 * The eval's name: how it is selected and configured
	 * ({@code braintrust.eval.thresholds.<name>...}), and the Braintrust project its
	 * experiments go to unless {@link #project()} is set. Defaults to the bean name (for
	 * an {@link EvalDefinition} bean) or the method name.
	 * @return the eval name
	 */
	String name() default "";

	/**
	 * The Braintrust project the experiments go to. Defaults to the eval's name, as the
	 * SDKs' {@code Eval(name, ...)} does.
	 * @return the project name
	 */
	String project() default "";

	/**
	 * The experiment name; generated ({@code <eval>-<timestamp>}) when empty.
	 * @return the experiment name
	 */
	String experimentName() default "";

	/**
	 * A description of the experiment.
	 * @return the description
	 */
	String description() default "";

	/**
	 * How many times to run each case; 0 leaves the definition's setting (1 by default).
	 * @return the trial count
	 */
	int trialCount() default 0;

	/**
	 * How many cases run at the same time; 0 leaves the definition's setting, else the
	 * {@code braintrust.eval.max-concurrency} default.
	 * @return the concurrency
	 */
	int maxConcurrency() default 0;

	/**
	 * How long one case's task may run before it is cancelled, such as {@code "30s"},
	 * {@code "500ms"} or {@code "PT2M"}; empty for no limit.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Tags of the experiment.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * The experiment to compare with, by name; empty for the previous experiment of the
	 * same eval.
	 * @return the base experiment name
	 */
	String baseExperiment() default "";

}

package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An eval: its data, the task under evaluation, the scorers, and its options (the SDKs'
 * {@code Evaluator}). Named so as not to clash with Spring AI's {@code Evaluator}, which
 * a {@link Scorer} can wrap.
 * <p>
 * Implement it on a bean (annotated with {@link Eval} to name it), or build one:
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;Eval("arithmetic")
 * EvalDefinition&lt;String, String&gt; arithmetic(Calculator calculator) {
 *     return EvalDefinition.&lt;String, String&gt;builder()
 *         .data(EvalData.of(EvalCase.of("2+2", "4"), EvalCase.of("3*3", "9")))
 *         .task(calculator::evaluate)
 *         .scorers(Scorer.of("exact", (args) -&gt; Objects.equals(args.output(), args.expected())))
 *         .build();
 * }
 * </pre>
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 * @since 0.1.0
 */
public interface EvalDefinition<I, O> {

	/**
	 * The cases.
	 * @return the data
	 */
	EvalData<I, O> data();

	/**
	 * Run the task on one case. It may return the output, a
	 * {@link java.util.concurrent.CompletionStage} of it, or a Reactor {@code Mono} of
	 * it. Implementations may narrow the return type.
	 * @param input the input
	 * @param hooks the case's hooks
	 * @return the output, or a stage or {@code Mono} of it
	 * @throws Exception when the task fails; the case records the exception
	 */
	@Nullable Object task(I input, EvalHooks<O> hooks) throws Exception;

	/**
	 * The scorers.
	 * @return the scorers
	 */
	List<Scorer> scorers();

	/**
	 * The options.
	 * @return the options, the defaults unless overridden
	 */
	default EvalOptions options() {
		return EvalOptions.defaults();
	}

	/**
	 * A builder.
	 * @param <I> the input type
	 * @param <O> the expected output type
	 * @return a new builder
	 */
	static <I, O> Builder<I, O> builder() {
		return new Builder<>();
	}

	/**
	 * Builds an {@link EvalDefinition}.
	 *
	 * @param <I> the input type
	 * @param <O> the expected output type
	 */
	final class Builder<I, O> {

		private @Nullable EvalData<I, O> data;

		private @Nullable EvalTask<I, O> task;

		private final List<Scorer> scorers = new ArrayList<>();

		private EvalOptions options = EvalOptions.defaults();

		private Builder() {
		}

		/**
		 * Set the data.
		 * @param data the data
		 * @return this builder
		 */
		public Builder<I, O> data(EvalData<I, O> data) {
			this.data = data;
			return this;
		}

		/**
		 * Set the task.
		 * @param task the task, given the input and the hooks
		 * @return this builder
		 */
		public Builder<I, O> task(EvalTask<I, O> task) {
			this.task = task;
			return this;
		}

		/**
		 * Set a task that needs only the input.
		 * @param task the task
		 * @return this builder
		 */
		public Builder<I, O> task(Function<I, ?> task) {
			this.task = (input, hooks) -> task.apply(input);
			return this;
		}

		/**
		 * Add scorers.
		 * @param scorers the scorers
		 * @return this builder
		 */
		public Builder<I, O> scorers(Scorer... scorers) {
			return scorers(Arrays.asList(scorers));
		}

		/**
		 * Add scorers.
		 * @param scorers the scorers
		 * @return this builder
		 */
		public Builder<I, O> scorers(Collection<? extends Scorer> scorers) {
			this.scorers.addAll(scorers);
			return this;
		}

		/**
		 * Set the options.
		 * @param options the options
		 * @return this builder
		 */
		public Builder<I, O> options(EvalOptions options) {
			this.options = options;
			return this;
		}

		/**
		 * Set the options.
		 * @param options configures the options
		 * @return this builder
		 */
		public Builder<I, O> options(Consumer<EvalOptions.Builder> options) {
			EvalOptions.Builder builder = this.options.toBuilder();
			options.accept(builder);
			this.options = builder.build();
			return this;
		}

		/**
		 * Build the definition.
		 * @return the definition
		 * @throws IllegalStateException when the data or the task is missing
		 */
		public EvalDefinition<I, O> build() {
			EvalData<I, O> data = this.data;
			EvalTask<I, O> task = this.task;
			if (data == null) {
				throw new IllegalStateException("An eval needs data: call data(EvalData.of(...))");
			}
			if (task == null) {
				throw new IllegalStateException("An eval needs a task: call task(input -> ...)");
			}
			List<Scorer> scorers = List.copyOf(this.scorers);
			EvalOptions options = this.options;
			return new EvalDefinition<>() {

				@Override
				public EvalData<I, O> data() {
					return data;
				}

				@Override
				public @Nullable Object task(I input, EvalHooks<O> hooks) throws Exception {
					return task.run(input, hooks);
				}

				@Override
				public List<Scorer> scorers() {
					return scorers;
				}

				@Override
				public EvalOptions options() {
					return options;
				}

				@Override
				public String toString() {
					return "EvalDefinition[data=" + data + ", scorers=" + scorers.size() + "]";
				}

			};
		}

	}

}

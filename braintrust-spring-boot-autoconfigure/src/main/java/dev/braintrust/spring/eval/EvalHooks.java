package dev.braintrust.spring.eval;

import java.util.Map;
import java.util.Set;

import dev.braintrust.spring.logger.Span;
import org.jspecify.annotations.Nullable;

/**
 * What a task sees of its case besides the input, and how it adds to the case's record
 * (the SDKs' {@code EvalHooks}). Metadata and tags added here are logged on the case's
 * eval span; spans started while the task runs nest under {@link #span()}.
 *
 * @param <O> the expected output type
 * @author Braintrust
 * @since 0.1.0
 */
public interface EvalHooks<O> {

	/**
	 * The case's metadata, which the task may add to.
	 * @return the mutable metadata
	 */
	Map<String, @Nullable Object> metadata();

	/**
	 * The expected output.
	 * @return the expected output or null
	 */
	@Nullable O expected();

	/**
	 * The task span: the current span while the task runs.
	 * @return the span
	 */
	Span span();

	/**
	 * Which trial of the case this is.
	 * @return the trial index, from 0
	 */
	int trialIndex();

	/**
	 * The case's tags, which the task may add to.
	 * @return the mutable tags
	 */
	Set<String> tags();

	/**
	 * The parameters of the run.
	 * @return the parameters
	 */
	EvalParameters parameters();

	/**
	 * Report progress of a long task, such as a streamed chunk; delivered to the
	 * {@link EvalListener}s.
	 * @param event anything describing the progress
	 */
	void reportProgress(Object event);

}

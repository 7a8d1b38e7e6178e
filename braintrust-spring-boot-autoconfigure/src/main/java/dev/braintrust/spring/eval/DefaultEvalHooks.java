package dev.braintrust.spring.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.braintrust.spring.logger.Span;
import org.jspecify.annotations.Nullable;

/**
 * The hooks of one case and trial. Metadata and tags are synchronized, since an
 * asynchronous task may change them from another thread.
 *
 * @param <O> the expected output type
 * @author Braintrust
 */
final class DefaultEvalHooks<O> implements EvalHooks<O> {

	private final Map<String, @Nullable Object> metadata;

	private final @Nullable O expected;

	private final Span span;

	private final int trialIndex;

	private final Set<String> tags;

	private final EvalParameters parameters;

	private final Consumer<Object> progress;

	DefaultEvalHooks(EvalCase<?, O> evalCase, Span span, int trialIndex, EvalParameters parameters,
			Consumer<Object> progress) {
		this.metadata = Collections.synchronizedMap(new LinkedHashMap<>(evalCase.metadata()));
		this.expected = evalCase.expected();
		this.span = span;
		this.trialIndex = trialIndex;
		this.tags = Collections.synchronizedSet(new LinkedHashSet<>(evalCase.tags()));
		this.parameters = parameters;
		this.progress = progress;
	}

	@Override
	public Map<String, @Nullable Object> metadata() {
		return this.metadata;
	}

	@Override
	public @Nullable O expected() {
		return this.expected;
	}

	@Override
	public Span span() {
		return this.span;
	}

	@Override
	public int trialIndex() {
		return this.trialIndex;
	}

	@Override
	public Set<String> tags() {
		return this.tags;
	}

	@Override
	public EvalParameters parameters() {
		return this.parameters;
	}

	@Override
	public void reportProgress(Object event) {
		this.progress.accept(event);
	}

	Map<String, @Nullable Object> metadataSnapshot() {
		synchronized (this.metadata) {
			return new LinkedHashMap<>(this.metadata);
		}
	}

	Set<String> tagsSnapshot() {
		synchronized (this.tags) {
			return new LinkedHashSet<>(this.tags);
		}
	}

}

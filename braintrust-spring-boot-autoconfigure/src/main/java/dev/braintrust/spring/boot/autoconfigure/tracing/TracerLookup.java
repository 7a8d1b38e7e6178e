package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.util.function.Supplier;

import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Micrometer's {@link Tracer}, looked up once every singleton exists. Before that it is
 * null, so that spans started during start-up, on any thread, never reach into the bean
 * factory.
 *
 * @author Braintrust
 */
final class TracerLookup implements Supplier<@Nullable Tracer>, SmartInitializingSingleton {

	private final ObjectProvider<Tracer> provider;

	private volatile @Nullable Tracer tracer;

	TracerLookup(ObjectProvider<Tracer> provider) {
		this.provider = provider;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tracer = this.provider.getIfUnique();
	}

	@Override
	public @Nullable Tracer get() {
		return this.tracer;
	}

}

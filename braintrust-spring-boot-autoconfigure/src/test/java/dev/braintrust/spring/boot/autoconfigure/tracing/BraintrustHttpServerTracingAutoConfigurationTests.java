package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.nio.file.Path;

import dev.braintrust.spring.boot.autoconfigure.BraintrustAutoConfiguration;
import dev.braintrust.spring.tracing.propagation.BraintrustTraceContextFilter;
import dev.braintrust.spring.tracing.propagation.BraintrustTraceContextWebFilter;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustHttpServerTracingAutoConfiguration}.
 *
 * @author Braintrust
 */
class BraintrustHttpServerTracingAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(BraintrustAutoConfiguration.class,
			BraintrustHttpServerTracingAutoConfiguration.class);

	@TempDir
	Path store;

	@Test
	void servletApplicationGetsTheFilter() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("braintrust.local.directory=" + this.store)
			.run((context) -> assertThat(context).hasSingleBean(BraintrustTraceContextFilter.class)
				.doesNotHaveBean(BraintrustTraceContextWebFilter.class));
	}

	@Test
	void reactiveApplicationGetsTheWebFilter() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("braintrust.local.directory=" + this.store)
			.run((context) -> assertThat(context).hasSingleBean(BraintrustTraceContextWebFilter.class)
				.doesNotHaveBean(BraintrustTraceContextFilter.class));
	}

	@Test
	void nonWebApplicationGetsNeither() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("braintrust.local.directory=" + this.store)
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustTraceContextFilter.class)
				.doesNotHaveBean(BraintrustTraceContextWebFilter.class));
	}

	@Test
	void backsOffWhenDisabled() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("braintrust.local.directory=" + this.store,
					"braintrust.tracing.http-server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustTraceContextFilter.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("braintrust.local.directory=" + this.store,
					"braintrust.tracing.http-server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustTraceContextWebFilter.class));
	}

	@Test
	void backsOffWithoutTheWebClasses() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader(Filter.class))
			.withPropertyValues("braintrust.local.directory=" + this.store)
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustTraceContextFilter.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader(WebFilter.class))
			.withPropertyValues("braintrust.local.directory=" + this.store)
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustTraceContextWebFilter.class));
	}

	@Test
	void backsOffWithoutALogger() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BraintrustHttpServerTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BraintrustTraceContextFilter.class));
	}

	@Test
	void userFilterReplacesOurs() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("braintrust.local.directory=" + this.store)
			.withBean("customFilter", BraintrustTraceContextFilter.class,
					() -> new BraintrustTraceContextFilter(dev.braintrust.spring.logger.BraintrustLogger.noop()))
			.run((context) -> assertThat(context).hasSingleBean(BraintrustTraceContextFilter.class)
				.hasBean("customFilter"));
	}

}

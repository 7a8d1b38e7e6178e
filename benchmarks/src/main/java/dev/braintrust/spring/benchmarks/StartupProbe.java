package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.prompt.BraintrustPrompts;
import dev.braintrust.spring.prompt.SpringAiPrompts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts the sample application's context once, in a fresh JVM, and prints
 * {@code startup_nanos <n>}: the time {@link SpringApplication#run} takes. With argument
 * {@code with}, the context is the sample's as shipped; with {@code without}, every
 * auto-configuration of the starter is excluded and {@link WithoutStarter} supplies the
 * two beans the sample's own classes inject (a no-op logger and prompts with no source),
 * so that the difference is the starter's auto-configuration and what it sets up.
 *
 * @author Braintrust
 */
public final class StartupProbe {

	static final String SAMPLE_APPLICATION = "dev.braintrust.spring.sample.SampleApplication";

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private StartupProbe() {
	}

	public static void main(String[] args) throws Exception {
		boolean withStarter = args[0].equals("with");
		Class<?> sample = Class.forName(SAMPLE_APPLICATION);
		SpringApplication application = withStarter ? new SpringApplication(sample)
				: new SpringApplication(sample, WithoutStarter.class);
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("logging.level.root", "WARN");
		// evals are work the application asks for, not start-up
		properties.put("braintrust.eval.run-on-startup", "false");
		properties.put("braintrust.local.directory", args[1]);
		if (!withStarter) {
			properties.put("spring.autoconfigure.exclude", String.join(",", starterAutoConfigurations()));
		}
		application.setDefaultProperties(properties);
		BufferingApplicationStartup steps = Boolean.getBoolean("benchmarks.startup.steps")
				? new BufferingApplicationStartup(100_000) : null;
		if (steps != null) {
			application.setApplicationStartup(steps);
		}
		long start = System.nanoTime();
		ConfigurableApplicationContext context = application.run();
		long nanos = System.nanoTime() - start;
		boolean braintrustBeans = context.getBeanNamesForType(BraintrustLogger.class).length > 0
				&& context.getBean(BraintrustLogger.class) != BraintrustLogger.noop();
		if (steps != null) {
			printSlowestBeans(steps);
		}
		context.close();
		if (braintrustBeans != withStarter) {
			throw new IllegalStateException("Expected the starter to be " + (withStarter ? "on" : "off"));
		}
		System.out.println("startup_nanos " + nanos);
		System.exit(0);
	}

	/** For a diagnosis: the beans that took longest to create, their own time first. */
	private static void printSlowestBeans(BufferingApplicationStartup steps) {
		steps.getBufferedTimeline()
			.getEvents()
			.stream()
			.filter((event) -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(40)
			.forEach((event) -> {
				String bean = "?";
				for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
					if (tag.getKey().equals("beanName")) {
						bean = tag.getValue();
					}
				}
				System.out.println("bean " + event.getDuration().toMillis() + " ms " + bean);
			});
	}

	/**
	 * The auto-configurations the starter registers, read from its imports file.
	 * @return their class names
	 */
	static List<String> starterAutoConfigurations() throws IOException {
		List<String> names = new ArrayList<>();
		var resources = StartupProbe.class.getClassLoader().getResources(IMPORTS);
		while (resources.hasMoreElements()) {
			try (InputStream in = resources.nextElement().openStream()) {
				for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
					String name = line.trim();
					if (name.startsWith("dev.braintrust.spring.")) {
						names.add(name);
					}
				}
			}
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("The starter's auto-configurations are not on the class path");
		}
		return names;
	}

	/**
	 * What the sample's own beans need from the starter, when it is off.
	 */
	@Configuration(proxyBeanMethods = false)
	static class WithoutStarter {

		@Bean
		BraintrustLogger braintrustLogger() {
			return BraintrustLogger.noop();
		}

		@Bean
		SpringAiPrompts springAiPrompts() {
			return new SpringAiPrompts(BraintrustPrompts.builder().build());
		}

	}

}

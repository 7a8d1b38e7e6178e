package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.nio.file.Path;

import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.tracing.CapturingLogExporter;
import dev.braintrust.spring.tracing.Traced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Spring Boot applications on random ports in one JVM: a {@code @Traced} method of
 * the checkout service calls the pricing service over {@code RestClient}, and the pricing
 * service's {@code @Traced} span is a child of the caller's span, in its trace and its
 * project.
 *
 * @author Braintrust
 */
@Timeout(120)
class DistributedTracingIntegrationTests {

	/**
	 * Spring Security is on this module's test classpath (for the actuator recipe's
	 * test); these services are unsecured, as they were before it.
	 */
	private static final String UNSECURED = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	/** Both applications export to this one exporter, as they would to one Braintrust. */
	static final CapturingLogExporter ROWS = new CapturingLogExporter();

	@TempDir
	Path checkoutStore;

	@TempDir
	Path pricingStore;

	@Test
	void calledServicesSpansAreChildrenOfTheCallersSpanInItsTraceAndProject() {
		ROWS.clear();
		try (ConfigurableApplicationContext pricing = start(PricingService.class, "pricing", this.pricingStore);
				ConfigurableApplicationContext checkout = start(CheckoutService.class, "checkout · 日本",
						this.checkoutStore, "pricing.url=http://127.0.0.1:" + port(pricing))) {
			String quote = checkout.getBean(Checkout.class).quote("book");
			assertThat(quote).isEqualTo("book costs 42");

			ObjectNode caller = ROWS.span("Checkout.quote");
			ObjectNode callee = ROWS.span("Pricing.price");
			assertThat(caller.path("span_parents").isNull()).isTrue();
			assertThat(callee.get("root_span_id").asString()).isEqualTo(caller.get("root_span_id").asString());
			assertThat(callee.get("span_parents")).hasSize(1);
			assertThat(callee.get("span_parents").get(0).asString()).isEqualTo(caller.get("span_id").asString());
			assertThat(ROWS.target(caller)).isEqualTo(ObjectRef.projectLogs("checkout · 日本", null));
			assertThat(ROWS.target(callee)).isEqualTo(ROWS.target(caller));
			assertThat(callee.get("input").toString()).isEqualTo("{\"item\":\"book\"}");
			assertThat(ROWS.endRows(caller)).isEqualTo(1);
			assertThat(ROWS.endRows(callee)).isEqualTo(1);
			// the headers the pricing service received, as its controller saw them
			assertThat(ROWS.span("Pricing.price").get("output").asString()).isEqualTo("42");
			assertThat(pricing.getBean(Headers.class).traceparent).isEqualTo(
					"00-" + caller.get("root_span_id").asString() + "-" + caller.get("span_id").asString() + "-01");
			assertThat(pricing.getBean(Headers.class).baggage)
				.isEqualTo("braintrust.parent=project_name%3Acheckout%20%C2%B7%20%E6%97%A5%E6%9C%AC");
		}
	}

	@Test
	void requestsWithoutOrWithMalformedTraceContextStartNewTracesInTheCalledServicesProject() {
		ROWS.clear();
		try (ConfigurableApplicationContext pricing = start(PricingService.class, "pricing", this.pricingStore)) {
			RestClient plain = RestClient.create("http://127.0.0.1:" + port(pricing));
			assertThat(plain.get().uri("/price/pen").retrieve().body(String.class)).isEqualTo("42");
			assertThat(plain.get()
				.uri("/price/ink")
				.header("traceparent", "00-not-a-trace-01")
				.header("baggage", "braintrust.parent=project_name%3Aelsewhere")
				.retrieve()
				.body(String.class)).isEqualTo("42");
			assertThat(ROWS.spansNamed("Pricing.price")).hasSize(2).allSatisfy((span) -> {
				assertThat(span.path("span_parents").isNull()).isTrue();
				assertThat(ROWS.target(span)).isEqualTo(ObjectRef.projectLogs("pricing", null));
			});
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, String project, Path store,
			String... properties) {
		return new SpringApplicationBuilder(application)
			.properties("server.port=0", "server.address=127.0.0.1", "braintrust.mode=local",
					"braintrust.local.directory=" + store, "braintrust.project=" + project,
					"braintrust.logger.async.enabled=false", "spring.main.banner-mode=off",
					"spring.autoconfigure.exclude=" + UNSECURED)
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CheckoutService {

		@Bean
		CapturingLogExporter capturingLogExporter() {
			return ROWS;
		}

		@Bean
		Checkout checkout(RestClient.Builder builder, Environment environment) {
			return new Checkout(builder.baseUrl(environment.getRequiredProperty("pricing.url")).build());
		}

	}

	static class Checkout {

		private final RestClient pricing;

		Checkout(RestClient pricing) {
			this.pricing = pricing;
		}

		@Traced
		public String quote(String item) {
			return item + " costs " + this.pricing.get().uri("/price/{item}", item).retrieve().body(String.class);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PricingService {

		@Bean
		CapturingLogExporter capturingLogExporter() {
			return ROWS;
		}

		@Bean
		Pricing pricing() {
			return new Pricing();
		}

		@Bean
		Headers headers() {
			return new Headers();
		}

		@Bean
		PriceController priceController(Pricing pricing, Headers headers) {
			return new PriceController(pricing, headers);
		}

	}

	static class Pricing {

		@Traced
		public String price(String item) {
			return "42";
		}

	}

	static class Headers {

		volatile String traceparent;

		volatile String baggage;

	}

	@RestController
	static class PriceController {

		private final Pricing pricing;

		private final Headers headers;

		PriceController(Pricing pricing, Headers headers) {
			this.pricing = pricing;
			this.headers = headers;
		}

		@GetMapping("/price/{item}")
		String price(@PathVariable String item,
				@RequestHeader(name = "traceparent", required = false) String traceparent,
				@RequestHeader(name = "baggage", required = false) String baggage) {
			this.headers.traceparent = traceparent;
			this.headers.baggage = baggage;
			return this.pricing.price(item);
		}

	}

}

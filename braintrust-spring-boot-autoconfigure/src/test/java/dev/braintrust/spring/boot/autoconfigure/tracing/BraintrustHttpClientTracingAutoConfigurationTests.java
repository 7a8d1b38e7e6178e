package dev.braintrust.spring.boot.autoconfigure.tracing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanScope;
import dev.braintrust.spring.tracing.CurrentSpanThreadLocalAccessor;
import dev.braintrust.spring.tracing.propagation.BraintrustClientHttpRequestInterceptor;
import dev.braintrust.spring.tracing.propagation.BraintrustExchangeFilterFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustHttpClientTracingAutoConfiguration}: the wiring, and the
 * headers that {@code RestClient}, {@code RestTemplate} and {@code WebClient} built by
 * Spring Boot's builders send to a server on 127.0.0.1.
 *
 * @author Braintrust
 */
@Timeout(60)
class BraintrustHttpClientTracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BraintrustHttpClientTracingAutoConfiguration.class, RestClientAutoConfiguration.class,
					RestTemplateAutoConfiguration.class, WebClientAutoConfiguration.class));

	private final BlockingQueue<Headers> received = new LinkedBlockingQueue<>();

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("client tests", null))
		.build();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.received.add(exchange.getRequestHeaders());
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.logger.close();
	}

	@Test
	void registersTheInterceptorAndCustomizersByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(BraintrustClientHttpRequestInterceptor.class)
			.hasSingleBean(BraintrustExchangeFilterFunction.class)
			.hasBean("braintrustRestClientCustomizer")
			.hasBean("braintrustRestTemplateCustomizer")
			.hasBean("braintrustWebClientCustomizer"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("braintrust.tracing.http-client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustClientHttpRequestInterceptor.class)
				.doesNotHaveBean(BraintrustExchangeFilterFunction.class)
				.doesNotHaveBean("braintrustRestClientCustomizer"));
	}

	@Test
	void backsOffWithoutSpringWeb() {
		this.runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestInterceptor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BraintrustClientHttpRequestInterceptor.class)
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(WebClientCustomizer.class));
	}

	@Test
	void eachClientBacksOffWithoutItsClasses() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean("braintrustWebClientCustomizer")
				.doesNotHaveBean(BraintrustExchangeFilterFunction.class)
				.hasBean("braintrustRestClientCustomizer"));
		this.runner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean("braintrustRestClientCustomizer")
				.hasBean("braintrustRestTemplateCustomizer"));
		this.runner.withClassLoader(new FilteredClassLoader(RestTemplateCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean("braintrustRestTemplateCustomizer")
				.hasBean("braintrustRestClientCustomizer"));
	}

	@Test
	void restClientCarriesTheCurrentSpan() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(url()).build();
			Span span = this.logger.startSpan("call");
			try (SpanScope scope = span.makeCurrent()) {
				assertThat(client.get().uri("/a").retrieve().body(String.class)).isEqualTo("ok");
			}
			assertCarries(next(), span);
			client.get().uri("/b").retrieve().body(String.class);
			assertCarriesNothing(next());
		});
	}

	@Test
	void restTemplateCarriesTheCurrentSpan() {
		this.runner.run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).rootUri(url()).build();
			Span span = this.logger.startSpan("call");
			try (SpanScope scope = span.makeCurrent()) {
				assertThat(restTemplate.getForObject("/a", String.class)).isEqualTo("ok");
			}
			assertCarries(next(), span);
			restTemplate.getForObject("/b", String.class);
			assertCarriesNothing(next());
		});
	}

	@Test
	void webClientCarriesTheCurrentSpanFromTheThreadOrTheReactorContext() {
		this.runner.run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class)
				.clientConnector(new JdkClientHttpConnector())
				.baseUrl(url())
				.build();
			Span span = this.logger.startSpan("call");
			try (SpanScope scope = span.makeCurrent()) {
				assertThat(client.get().uri("/a").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
					.isEqualTo("ok");
			}
			assertCarries(next(), span);
			client.get()
				.uri("/b")
				.retrieve()
				.bodyToMono(String.class)
				.contextWrite((reactorContext) -> reactorContext.put(CurrentSpanThreadLocalAccessor.KEY, span))
				.block(Duration.ofSeconds(10));
			assertCarries(next(), span);
			client.get().uri("/c").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
			assertCarriesNothing(next());
		});
	}

	@Test
	void buildersCustomizedTwiceAddTheInterceptorOnce() {
		this.runner.run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			context.getBeansOfType(RestClientCustomizer.class)
				.values()
				.forEach((customizer) -> customizer.customize(builder));
			builder.requestInterceptors((interceptors) -> assertThat(interceptors)
				.filteredOn(BraintrustClientHttpRequestInterceptor.class::isInstance)
				.hasSize(1));
		});
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private Headers next() throws InterruptedException {
		Headers headers = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(headers).as("request received").isNotNull();
		return headers;
	}

	private static void assertCarries(Headers headers, Span span) {
		assertThat(headers.getFirst("traceparent")).isEqualTo("00-" + span.rootSpanId() + "-" + span.spanId() + "-01");
		assertThat(headers.getFirst("baggage")).isEqualTo("braintrust.parent=project_name%3Aclient%20tests");
	}

	private static void assertCarriesNothing(Headers headers) {
		assertThat(Map.copyOf(headers)).doesNotContainKeys("Traceparent", "traceparent", "Baggage", "baggage");
	}

}

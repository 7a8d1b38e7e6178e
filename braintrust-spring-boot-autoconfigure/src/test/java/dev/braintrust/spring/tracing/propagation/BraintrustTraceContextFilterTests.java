package dev.braintrust.spring.tracing.propagation;

import java.util.concurrent.atomic.AtomicReference;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.Span;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BraintrustTraceContextFilter}.
 *
 * @author Braintrust
 */
class BraintrustTraceContextFilterTests {

	private final BraintrustLogger logger = BraintrustLogger.builder()
		.async(false)
		.target(ObjectRef.projectLogs("server", null))
		.build();

	private final BraintrustTraceContextFilter filter = new BraintrustTraceContextFilter(this.logger);

	private final AtomicReference<@Nullable Span> seen = new AtomicReference<>();

	@AfterEach
	void close() {
		this.logger.close();
	}

	@Test
	void callersSpanIsCurrentWhileTheRequestIsHandled() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/price");
		request.addHeader("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		request.addHeader("Baggage", "braintrust.parent=project_name%3Acaller%20project");
		this.filter.doFilter(request, new MockHttpServletResponse(), chain());
		Span parent = this.seen.get();
		assertThat(parent).isNotNull();
		assertThat(parent.rootSpanId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(parent.spanId()).isEqualTo("b7ad6b7169203331");
		assertThat(parent.target()).isEqualTo(ObjectRef.projectLogs("caller project", null));
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	@Test
	void malformedHeadersAreHandledAsUsual() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/price");
		request.addHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz");
		request.addHeader("baggage", "braintrust.parent=%%%");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain());
		assertThat(this.seen.get()).isNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("handled");
	}

	@Test
	void restoresThePreviousSpanWhenTheHandlerThrows() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/price");
		request.addHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		IllegalStateException failure = new IllegalStateException("handler failed");
		MockFilterChain failing = new MockFilterChain(new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse resp) {
				throw failure;
			}

		});
		Throwable thrown = org.assertj.core.api.Assertions
			.catchThrowable(() -> this.filter.doFilter(request, new MockHttpServletResponse(), failing));
		assertThat(thrown).isSameAs(failure);
		assertThat(CurrentSpan.getOrNull()).isNull();
	}

	private MockFilterChain chain() {
		return new MockFilterChain(new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
				BraintrustTraceContextFilterTests.this.seen.set(CurrentSpan.getOrNull());
				resp.getWriter().write("handled");
			}

		});
	}

}

package dev.braintrust.spring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A fake Braintrust API for tests: a real HTTP server on 127.0.0.1 that validates every
 * request (path, method, query, body, the presence of the bearer credentials) against
 * Braintrust's official OpenAPI spec, answers 400 with the validation errors when a
 * request violates it (as the real server would), checks the API key (401 otherwise),
 * answers with responses that are themselves validated against the spec, and stores the
 * rows it accepted ({@link #state()}).
 * <p>
 * Implemented: {@code GET /v1}, {@code GET /v1/organization}, {@code POST /v1/project},
 * {@code POST /v1/experiment}, {@code POST /v1/dataset}, {@code POST /v1/insert},
 * {@code POST /v1/{experiment|dataset|project_logs}/{id}/fetch} and {@code GET
 * /v1/experiment/{id}/summarize}. More endpoints are added with
 * {@link #route(String, String, Handler)}; their answers are validated too.
 * <p>
 * Failures on demand: {@link #failNext(int, Fault)}, {@link #failAll(Fault)},
 * {@link #refuseConnections()} / {@link #acceptConnections()} (the same port),
 * {@link #scheduleOutage(Duration, Duration)}.
 * <p>
 * Every validation failure is kept: a test ends with
 * {@link #assertNoValidationFailures()} (or takes the failures it provoked with
 * {@link #takeValidationFailures()}).
 */
public final class FakeBraintrustServer implements AutoCloseable {

	/** The API key the server accepts unless told otherwise. */
	public static final String DEFAULT_API_KEY = "sk-fake-braintrust-key-7f3a9c";

	/** The certificate of {@link #startHttps()}, as a Spring resource location. */
	public static final String CERTIFICATE_LOCATION = "classpath:dev/braintrust/spring/testsupport/fake-braintrust.crt";

	private static final String PRIVATE_KEY_LOCATION = "classpath:dev/braintrust/spring/testsupport/fake-braintrust.key";

	private static final List<String> ALL_VALIDATION_FAILURES = new CopyOnWriteArrayList<>();

	private final String apiKey;

	private final @Nullable SSLContext sslContext;

	private final FakeBraintrustState state;

	private final List<Route> routes = new CopyOnWriteArrayList<>();

	private final List<ActiveFault> faults = new ArrayList<>();

	private final List<String> validationFailures = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final ExecutorService handlers = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fake-braintrust");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "fake-braintrust-scheduler");
		thread.setDaemon(true);
		return thread;
	});

	private final Object lifecycle = new Object();

	private final AtomicInteger restarts = new AtomicInteger();

	private final int port;

	private @Nullable HttpServer server;

	private FakeBraintrustServer(String apiKey, @Nullable SSLContext sslContext) {
		this.apiKey = apiKey;
		this.sslContext = sslContext;
		BraintrustOpenApi.load();
		this.state = new FakeBraintrustState("fake-org");
		StandardRoutes.register(this);
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	/**
	 * Start a server accepting {@link #DEFAULT_API_KEY}.
	 * @return the running server
	 */
	public static FakeBraintrustServer start() {
		return start(DEFAULT_API_KEY);
	}

	/**
	 * Start a server.
	 * @param apiKey the API key it accepts
	 * @return the running server
	 */
	public static FakeBraintrustServer start(String apiKey) {
		return new FakeBraintrustServer(apiKey, null);
	}

	/**
	 * Start an HTTPS server with the self-signed certificate at
	 * {@link #CERTIFICATE_LOCATION} (for 127.0.0.1 and localhost), which clients must be
	 * told to trust.
	 * @return the running server
	 */
	public static FakeBraintrustServer startHttps() {
		PemSslStoreDetails key = PemSslStoreDetails.forCertificate(CERTIFICATE_LOCATION)
			.withPrivateKey(PRIVATE_KEY_LOCATION);
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(key, null));
		return startHttps(DEFAULT_API_KEY, bundle.createSslContext());
	}

	/**
	 * Start an HTTPS server.
	 * @param apiKey the API key it accepts
	 * @param sslContext the server's TLS context (its certificate and key)
	 * @return the running server
	 */
	public static FakeBraintrustServer startHttps(String apiKey, SSLContext sslContext) {
		return new FakeBraintrustServer(apiKey, sslContext);
	}

	/**
	 * Every validation failure of every server in this JVM.
	 * @return the failures
	 */
	public static List<String> allValidationFailures() {
		return List.copyOf(ALL_VALIDATION_FAILURES);
	}

	/**
	 * The base URL, to use as {@code braintrust.api-url} (and {@code app-url}).
	 * @return the URL
	 */
	public String url() {
		return ((this.sslContext != null) ? "https" : "http") + "://127.0.0.1:" + this.port;
	}

	/**
	 * The port, the same across restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The API key the server accepts.
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * What the server stored.
	 * @return the state
	 */
	public FakeBraintrustState state() {
		return this.state;
	}

	/**
	 * Handle another endpoint (or replace a standard one). Routes added later win.
	 * @param method the method
	 * @param template the path, with {@code {name}} for a variable segment
	 * @param handler the handler
	 * @return this server
	 */
	public FakeBraintrustServer route(String method, String template, Handler handler) {
		this.routes.add(0, new Route(method, template.split("/"), handler));
		return this;
	}

	// Faults

	/**
	 * Fail the next requests.
	 * @param count how many
	 * @param fault the failure
	 */
	public void failNext(int count, Fault fault) {
		failNext(null, count, fault);
	}

	/**
	 * Fail the next requests to paths starting with a prefix.
	 * @param pathPrefix the prefix, such as {@code /v1/insert}, or null for all
	 * @param count how many
	 * @param fault the failure
	 */
	public void failNext(@Nullable String pathPrefix, int count, Fault fault) {
		synchronized (this.faults) {
			this.faults.add(new ActiveFault(pathPrefix, new AtomicInteger(count), fault));
		}
	}

	/**
	 * Fail every request until {@link #clearFaults()}.
	 * @param fault the failure
	 */
	public void failAll(Fault fault) {
		failNext(null, Integer.MAX_VALUE, fault);
	}

	/**
	 * Stop injecting failures.
	 */
	public void clearFaults() {
		synchronized (this.faults) {
			this.faults.clear();
		}
	}

	/**
	 * Close the port: connections are refused until {@link #acceptConnections()}.
	 */
	public void refuseConnections() {
		synchronized (this.lifecycle) {
			if (this.server != null) {
				this.server.stop(0);
				this.server = null;
			}
		}
	}

	/**
	 * Open the port again (the same port), with the same state.
	 */
	public void acceptConnections() {
		synchronized (this.lifecycle) {
			if (this.server == null) {
				this.server = bind(this.port);
				this.restarts.incrementAndGet();
			}
		}
	}

	/**
	 * How many times the port was opened again.
	 * @return the count
	 */
	public int restarts() {
		return this.restarts.get();
	}

	/**
	 * An outage from now: first every request is answered 503, then connections are
	 * refused, then the server is back.
	 * @param serviceUnavailable how long requests are answered 503
	 * @param refused how long connections are refused afterwards
	 * @return the outage's phases
	 */
	public Outage scheduleOutage(Duration serviceUnavailable, Duration refused) {
		CompletableFuture<Void> refusing = new CompletableFuture<>();
		CompletableFuture<Void> over = new CompletableFuture<>();
		failAll(Fault.serviceUnavailable());
		this.scheduler.schedule(() -> {
			refuseConnections();
			clearFaults();
			refusing.complete(null);
			this.scheduler.schedule(() -> {
				acceptConnections();
				over.complete(null);
			}, refused.toMillis(), TimeUnit.MILLISECONDS);
		}, serviceUnavailable.toMillis(), TimeUnit.MILLISECONDS);
		return new Outage(refusing, over);
	}

	// Recording and validation

	/**
	 * The requests received, faults included.
	 * @return the requests, oldest first
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests received for a path.
	 * @param method the method
	 * @param path the path
	 * @return the requests, oldest first
	 */
	public List<RecordedRequest> requests(String method, String path) {
		return this.requests.stream()
			.filter((request) -> request.method().equals(method) && request.path().equals(path))
			.toList();
	}

	/**
	 * Every request or response that failed validation against the spec, and every
	 * request no route handled.
	 * @return the failures
	 */
	public List<String> validationFailures() {
		return List.copyOf(this.validationFailures);
	}

	/**
	 * Take (and forget) the validation failures, for a test that provokes them on
	 * purpose.
	 * @return the failures
	 */
	public List<String> takeValidationFailures() {
		synchronized (this.validationFailures) {
			List<String> taken = List.copyOf(this.validationFailures);
			this.validationFailures.clear();
			ALL_VALIDATION_FAILURES.removeAll(taken);
			return taken;
		}
	}

	/**
	 * Fail unless every request and response so far conformed to the spec.
	 * @throws AssertionError listing the failures
	 */
	public void assertNoValidationFailures() {
		List<String> failures = validationFailures();
		if (!failures.isEmpty()) {
			throw new AssertionError(failures.size() + " request(s) or response(s) of the fake Braintrust server "
					+ "failed OpenAPI validation:\n" + String.join("\n---\n", failures));
		}
	}

	@Override
	public void close() {
		refuseConnections();
		this.scheduler.shutdownNow();
		this.handlers.shutdownNow();
	}

	// Serving

	private HttpServer bind(int port) {
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		IOException last = null;
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				HttpServer created;
				if (this.sslContext != null) {
					HttpsServer https = HttpsServer.create(address, 64);
					https.setHttpsConfigurator(new HttpsConfigurator(this.sslContext));
					created = https;
				}
				else {
					created = HttpServer.create(address, 64);
				}
				created.setExecutor(this.handlers);
				created.createContext("/", this::handle);
				created.start();
				return created;
			}
			catch (BindException ex) {
				// the port may take a moment to be released after a stop
				last = ex;
				pause(Duration.ofMillis(20));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new UncheckedIOException("Cannot bind 127.0.0.1:" + port, last);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			String method = exchange.getRequestMethod();
			String path = uri.getRawPath();
			// decided on arrival, so that a fault switched off while the request is read
			// and validated cannot let it through half-way (an outage's phases stay
			// clean)
			Fault fault = takeFault(path);
			Map<String, List<String>> query = parseQuery(uri.getRawQuery());
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			this.requests.add(new RecordedRequest(Instant.now(), method, path, query, authorization, body));
			// every request is validated, whatever happens to it next
			ValidationReport report = validateRequest(method, path, query, authorization, contentType, body);
			if (report.hasErrors()) {
				fail("Request " + method + " " + path + " violates the OpenAPI spec:\n"
						+ SimpleValidationReportFormat.getInstance().apply(report));
			}
			if (fault != null && (fault.kind() == Fault.Kind.STATUS || fault.kind() == Fault.Kind.GATEWAY)) {
				FakeResponse response = FakeResponse.text(fault.status(), fault.message());
				if (fault.retryAfter() != null) {
					response = response.withHeader("Retry-After", fault.retryAfter());
				}
				// a gateway's answers are outside the API contract; the API's own are not
				send(exchange, method, path, response, fault.kind() == Fault.Kind.STATUS);
				return;
			}
			if (fault != null && fault.kind() == Fault.Kind.RESTART && !fault.processFirst()) {
				crashAndRestart(fault.duration());
				return;
			}
			FakeResponse response = report.hasErrors()
					? FakeResponse.text(400, SimpleValidationReportFormat.getInstance().apply(report))
					: process(method, path, query, authorization, body);
			if (fault != null && fault.kind() == Fault.Kind.RESTART) {
				crashAndRestart(fault.duration());
				return;
			}
			if (fault != null && fault.kind() == Fault.Kind.SLOW) {
				pause(fault.duration());
			}
			// an answer to a path the spec does not have cannot be validated
			boolean knownPath = report.getMessages()
				.stream()
				.noneMatch((message) -> message.getKey().equals("validation.request.path.missing"));
			send(exchange, method, path, response, knownPath);
		}
		catch (RuntimeException ex) {
			fail("The fake server failed on " + exchange.getRequestURI() + ": " + ex);
			throw ex;
		}
	}

	private FakeResponse process(String method, String path, Map<String, List<String>> query,
			@Nullable String authorization, byte[] body) {
		if (authorization == null || !authorization.equals("Bearer " + this.apiKey)) {
			return FakeResponse.text(401, "Invalid API key");
		}
		for (Route route : this.routes) {
			Map<String, String> variables = route.match(method, path);
			if (variables != null) {
				try {
					return route.handler().handle(new FakeRequest(method, path, variables, query, authorization, body));
				}
				catch (Exception ex) {
					fail("The fake server's handler for " + method + " " + path + " failed: " + ex);
					return FakeResponse.text(500, "Fake server error: " + ex.getMessage());
				}
			}
		}
		fail("The fake server has no route for " + method + " " + path + "; add one with route(...)");
		return FakeResponse.text(500, "Not implemented by the fake server: " + method + " " + path);
	}

	private ValidationReport validateRequest(String method, String path, Map<String, List<String>> query,
			@Nullable String authorization, @Nullable String contentType, byte[] body) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
		query.forEach(request::withQueryParam);
		if (authorization != null) {
			request.withAuthorization(authorization);
		}
		if (contentType != null) {
			request.withContentType(contentType);
		}
		if (body.length > 0) {
			request.withBody(body);
		}
		synchronized (BraintrustOpenApi.class) {
			return BraintrustOpenApi.validateRequest(request.build());
		}
	}

	private void send(HttpExchange exchange, String method, String path, FakeResponse response, boolean validate)
			throws IOException {
		if (validate) {
			SimpleResponse.Builder candidate = SimpleResponse.Builder.status(response.status())
				.withContentType(response.contentType())
				.withBody(response.body());
			response.headers().forEach(candidate::withHeader);
			ValidationReport report;
			synchronized (BraintrustOpenApi.class) {
				report = BraintrustOpenApi.validateResponse(path, Request.Method.valueOf(method), candidate.build());
			}
			if (report.hasErrors()) {
				fail("The fake server's response to " + method + " " + path + " violates the OpenAPI spec:\n"
						+ SimpleValidationReportFormat.getInstance().apply(report));
			}
		}
		exchange.getResponseHeaders().set("Content-Type", response.contentType());
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(response.status(), (response.body().length == 0) ? -1 : response.body().length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(response.body());
		}
	}

	/**
	 * Drop the connection without an answer (closing an exchange before its headers are
	 * sent closes the connection), stop listening, and listen again after the downtime.
	 */
	private void crashAndRestart(Duration downtime) {
		this.scheduler.execute(() -> {
			refuseConnections();
			this.scheduler.schedule(this::acceptConnections, downtime.toMillis(), TimeUnit.MILLISECONDS);
		});
	}

	private @Nullable Fault takeFault(String path) {
		synchronized (this.faults) {
			for (Iterator<ActiveFault> it = this.faults.iterator(); it.hasNext();) {
				ActiveFault active = it.next();
				if (active.pathPrefix() != null && !path.startsWith(active.pathPrefix())) {
					continue;
				}
				int left = active.remaining().decrementAndGet();
				if (left <= 0) {
					it.remove();
				}
				if (left >= 0) {
					return active.fault();
				}
			}
			return null;
		}
	}

	private void fail(String failure) {
		this.validationFailures.add(failure);
		ALL_VALIDATION_FAILURES.add(failure);
	}

	private static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "FakeBraintrustServer[" + url() + "]";
	}

	/**
	 * Handles the requests of one route.
	 */
	@FunctionalInterface
	public interface Handler {

		/**
		 * Answer a valid, authenticated request.
		 * @param request the request
		 * @return the response, validated against the spec before it is sent
		 * @throws Exception a failure, answered 500 and recorded as a failure of the test
		 */
		FakeResponse handle(FakeRequest request) throws Exception;

	}

	/**
	 * A received request.
	 *
	 * @param time when it arrived
	 * @param method the method
	 * @param path the path
	 * @param query the query parameters
	 * @param authorization the {@code Authorization} header, or null
	 * @param body the body
	 */
	public record RecordedRequest(Instant time, String method, String path, Map<String, List<String>> query,
			@Nullable String authorization, byte[] body) {

		/**
		 * The body as text.
		 * @return the text
		 */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * The phases of a scheduled outage.
	 *
	 * @param refusing completes when connections start being refused
	 * @param over completes when the server is back
	 */
	public record Outage(CompletableFuture<Void> refusing, CompletableFuture<Void> over) {

	}

	private record ActiveFault(@Nullable String pathPrefix, AtomicInteger remaining, Fault fault) {

	}

	private record Route(String method, String[] segments, Handler handler) {

		@Nullable Map<String, String> match(String requestMethod, String path) {
			if (!this.method.equals(requestMethod)) {
				return null;
			}
			String[] parts = path.split("/");
			if (parts.length != this.segments.length) {
				return null;
			}
			Map<String, String> variables = new LinkedHashMap<>();
			for (int i = 0; i < parts.length; i++) {
				String segment = this.segments[i];
				if (segment.startsWith("{") && segment.endsWith("}")) {
					variables.put(segment.substring(1, segment.length() - 1),
							URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
				}
				else if (!segment.equals(parts[i])) {
					return null;
				}
			}
			return Collections.unmodifiableMap(variables);
		}

	}

}

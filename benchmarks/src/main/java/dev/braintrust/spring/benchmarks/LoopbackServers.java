package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;

/**
 * The pipeline benchmark's peers, in their own JVM so that their work and memory are not
 * counted against the JVM under test: the fake Braintrust server (which validates every
 * request against the OpenAPI spec, and keeps every request and row), an OTLP/HTTP sink
 * that reads each request, answers 200 and forgets it, and a Braintrust sink that does
 * the same for the exporter's requests. Prints one line per server,
 * {@code braintrust <url> <api key>}, {@code otlp <url>} and
 * {@code braintrust-sink <url>}, and stops when its standard input closes.
 *
 * @author Braintrust
 */
public final class LoopbackServers {

	private LoopbackServers() {
	}

	public static void main(String[] args) throws IOException {
		try (FakeBraintrustServer braintrust = FakeBraintrustServer.start()) {
			HttpServer otlp = otlpSink();
			HttpServer braintrustSink = braintrustSink();
			System.out.println("braintrust " + braintrust.url() + " " + braintrust.apiKey());
			System.out.println("otlp http://127.0.0.1:" + otlp.getAddress().getPort());
			System.out.println("braintrust-sink http://127.0.0.1:" + braintrustSink.getAddress().getPort());
			System.out.flush();
			// the parent closes our standard input when it is done, or when it dies
			while (System.in.read() != -1) {
				// nothing to read
			}
			otlp.stop(0);
			braintrustSink.stop(0);
		}
	}

	private static HttpServer otlpSink() throws IOException {
		HttpServer server = sink("otlp-sink");
		server.createContext("/v1/traces", LoopbackServers::accept);
		server.start();
		return server;
	}

	/**
	 * The least of the Braintrust API that the exporter needs, answering without
	 * validating or keeping anything: a measure of the pipeline's own ceiling, beside the
	 * fake server's.
	 */
	private static HttpServer braintrustSink() throws IOException {
		HttpServer server = sink("braintrust-sink");
		server.createContext("/v1/project", (exchange) -> answer(exchange,
				"{\"id\":\"0b6fb7d2-1c1e-4a34-9a53-5d2c7e0a1f11\",\"org_id\":\"5e0c0d1e-2f52-4bd6-8a3e-9f1d6a2b7c44\","
						+ "\"name\":\"pipeline-benchmark\"}"));
		server.createContext("/v1/insert", (exchange) -> answer(exchange, "{\"row_ids\":[]}"));
		server.start();
		return server;
	}

	private static HttpServer sink(String name) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(executor);
		return server;
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	private static void accept(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
			// an empty ExportTraceServiceResponse: full success
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

}

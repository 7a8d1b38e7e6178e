package dev.braintrust.spring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braintrust.spring.testsupport.FakeBraintrustServer;

/**
 * The pipeline benchmark's peers, in their own JVM so that their work and memory are not
 * counted against the JVM under test: the fake Braintrust server (which validates every
 * request against the OpenAPI spec, and keeps every request and row), and an OTLP/HTTP
 * sink that reads each request, answers 200 and forgets it. Prints one line per server,
 * {@code braintrust <url> <api key>} and {@code otlp <url>}, and stops when its standard
 * input closes.
 *
 * @author Braintrust
 */
public final class LoopbackServers {

	private LoopbackServers() {
	}

	public static void main(String[] args) throws IOException {
		try (FakeBraintrustServer braintrust = FakeBraintrustServer.start()) {
			HttpServer otlp = otlpSink();
			System.out.println("braintrust " + braintrust.url() + " " + braintrust.apiKey());
			System.out.println("otlp http://127.0.0.1:" + otlp.getAddress().getPort());
			System.out.flush();
			// the parent closes our standard input when it is done, or when it dies
			while (System.in.read() != -1) {
				// nothing to read
			}
			otlp.stop(0);
		}
	}

	private static HttpServer otlpSink() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "otlp-sink");
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(executor);
		server.createContext("/v1/traces", LoopbackServers::accept);
		server.start();
		return server;
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

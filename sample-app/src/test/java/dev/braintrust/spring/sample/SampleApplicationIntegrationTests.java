package dev.braintrust.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.store.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the sample application, offline on the embedded local store.
 *
 * @author Braintrust
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationIntegrationTests {

	@TempDir
	static Path store;

	@DynamicPropertySource
	static void storeDirectory(DynamicPropertyRegistry registry) {
		registry.add("braintrust.local.directory", () -> store.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	BraintrustLogger logger;

	@Autowired
	LocalStore localStore;

	@Test
	void greetingIsTracedIntoTheLocalStore() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/hello?name=Grace")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("Hello, Grace! How can we help you today?");
		assertThat(this.logger.flush()).isTrue();
		List<ObjectNode> rows = this.localStore.readMergedRows(ObjectRef.projectLogs("support-bot", null));
		ObjectNode greet = rows.stream()
			.filter((row) -> "Grace".equals(row.path("input").asString(null)))
			.filter((row) -> row.get("span_parents").isNull())
			.findFirst()
			.orElseThrow();
		List<ObjectNode> trace = this.localStore.readTrace(ObjectRef.projectLogs("support-bot", null),
				greet.get("root_span_id").stringValue());
		assertThat(trace).extracting((row) -> row.get("span_attributes").get("name").stringValue())
			.containsExactly("greet", "compose");
		assertThat(trace.get(1).get("span_parents").get(0).stringValue()).isEqualTo(greet.get("span_id").stringValue());
		assertThat(trace.get(1).at("/metadata/prompt/variables/name").stringValue()).isEqualTo("Grace");
		assertThat(trace.get(1).at("/metadata/prompt/version").stringValue()).hasSize(16);
		assertThat(this.localStore.rowsFile(ObjectRef.projectLogs("support-bot", null))).startsWith(store);
	}

}

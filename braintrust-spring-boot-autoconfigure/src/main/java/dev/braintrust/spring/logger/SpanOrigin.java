package dev.braintrust.spring.logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Names this SDK in every row's {@code context.span_origin}, with the integration that
 * made the span, as Braintrust's cross-SDK spec asks.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SpanOrigin {

	/** The SDK name written in rows. */
	public static final String SDK_NAME = "braintrust-spring-boot-starter";

	/** The instrumentation name of spans made directly through the logger API. */
	public static final String LOGGER = "logger";

	private static final String VERSION = readVersion();

	private SpanOrigin() {
	}

	/**
	 * This SDK's version.
	 * @return the version from the build, or {@code "unknown"}
	 */
	public static String version() {
		return VERSION;
	}

	/**
	 * The {@code span_origin} object for an instrumentation.
	 * @param instrumentation the integration that made the span, such as
	 * {@code "spring-ai"}
	 * @return a new object
	 */
	public static ObjectNode of(String instrumentation) {
		ObjectNode origin = JsonNodeFactory.instance.objectNode();
		origin.put("name", SDK_NAME);
		origin.put("version", VERSION);
		origin.putObject("instrumentation").put("name", instrumentation);
		return origin;
	}

	private static String readVersion() {
		try (InputStream in = SpanOrigin.class.getResourceAsStream("version.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank() && !version.startsWith("${")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through to the default
		}
		return "unknown";
	}

}

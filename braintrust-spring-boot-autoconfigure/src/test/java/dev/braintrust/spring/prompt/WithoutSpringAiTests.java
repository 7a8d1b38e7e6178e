package dev.braintrust.spring.prompt;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that prompts load, build and become OpenAI-style requests in an application
 * without Spring AI, whose classes the prompt API mentions only in Spring AI methods.
 *
 * @author Braintrust
 */
class WithoutSpringAiTests {

	@Test
	void promptsBuildWithoutSpringAi() throws Exception {
		URL[] classpath = { location(BraintrustPrompt.class), location(JsonMapper.class), location(JsonParser.class),
				location(com.fasterxml.jackson.annotation.JsonProperty.class), location(Assert.class),
				location(LogFactory.class), location(Mustache.class), location(Nullable.class) };
		try (URLClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> Class.forName("org.springframework.ai.chat.prompt.Prompt", false, loader));
			Class<?> promptClass = Class.forName(BraintrustPrompt.class.getName(), true, loader);
			Object prompt = promptClass.getMethod("fromJson", String.class).invoke(null, PromptFixtures.chat("42"));
			Object built = promptClass.getMethod("build", Map.class)
				.invoke(prompt, Map.of("shop", "Tea", "customer", Map.of("name", "Ada"), "question", "Hi?"));
			Method toOpenAiRequest = built.getClass().getMethod("toOpenAiRequest");
			@SuppressWarnings("unchecked")
			Map<String, Object> request = (Map<String, Object>) toOpenAiRequest.invoke(built);
			assertThat(request).containsEntry("model", "gpt-4o").containsKey("messages");
			assertThat(built.getClass().getMethod("promptMetadata").invoke(built)).isInstanceOf(Map.class);
		}
	}

	private static URL location(Class<?> type) throws Exception {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

}

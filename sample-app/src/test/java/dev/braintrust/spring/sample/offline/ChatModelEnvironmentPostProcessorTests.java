package dev.braintrust.spring.sample.offline;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatModelEnvironmentPostProcessor}.
 *
 * @author Braintrust
 */
class ChatModelEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void withoutKeyOrBaseUrlTheOfflineModelIsUsed() {
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("offline");
		assertThat(this.environment.containsProperty("spring.ai.openai.api-key")).isFalse();
	}

	@Test
	void anEmptyEnvironmentVariableIsNoKey() {
		this.environment.setProperty("OPENAI_API_KEY", "");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("offline");
	}

	@Test
	void theEnvironmentVariableSelectsOpenAi() {
		this.environment.setProperty("OPENAI_API_KEY", "sk-test");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
		assertThat(this.environment.containsProperty("spring.ai.openai.api-key")).isFalse();
	}

	@Test
	void aKeyPropertySelectsOpenAi() {
		this.environment.setProperty("spring.ai.openai.chat.api-key", "sk-test");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
	}

	@Test
	void anEmptyKeyPropertyIsSpringAiNoAuthenticationModeAndSelectsOpenAi() {
		this.environment.setProperty("spring.ai.openai.api-key", "");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
	}

	@Test
	void aBaseUrlWithoutKeySelectsOpenAiWithoutAuthentication() {
		this.environment.setProperty("spring.ai.openai.base-url", "http://localhost:11434/v1");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
		assertThat(this.environment.getProperty("spring.ai.openai.api-key")).isEmpty();
	}

	@Test
	void aBaseUrlWithKeyKeepsTheKey() {
		this.environment.setProperty("OPENAI_BASE_URL", "http://vllm:8000/v1");
		this.environment.setProperty("spring.ai.openai.api-key", "token");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
		assertThat(this.environment.getProperty("spring.ai.openai.api-key")).isEqualTo("token");
	}

	@Test
	void anExplicitChoiceIsLeftAlone() {
		this.environment.setProperty("OPENAI_API_KEY", "sk-test");
		this.environment.setProperty("spring.ai.model.chat", "offline");
		process();
		assertThat(this.environment.getProperty("spring.ai.model.chat")).isEqualTo("offline");
		assertThat(
				this.environment.getPropertySources().contains(ChatModelEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void otherSettingsWin() {
		process();
		assertThat(this.environment.getPropertySources().stream().reduce((first, second) -> second)).hasValueSatisfying(
				(last) -> assertThat(last.getName()).isEqualTo(ChatModelEnvironmentPostProcessor.PROPERTY_SOURCE_NAME));
	}

	private void process() {
		new ChatModelEnvironmentPostProcessor().postProcessEnvironment(this.environment, new SpringApplication());
	}

}

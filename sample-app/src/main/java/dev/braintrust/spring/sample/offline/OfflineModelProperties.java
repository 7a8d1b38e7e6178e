package dev.braintrust.spring.sample.offline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@link OfflineSupportChatModel}.
 *
 * @author Braintrust
 */
@ConfigurationProperties("offline-model")
public class OfflineModelProperties {

	/**
	 * Time before the first chunk of a streamed answer, as a real model spends reading
	 * the prompt.
	 */
	private Duration firstTokenDelay = Duration.ofMillis(150);

	/**
	 * Time between the chunks of a streamed answer.
	 */
	private Duration tokenDelay = Duration.ofMillis(20);

	public Duration getFirstTokenDelay() {
		return this.firstTokenDelay;
	}

	public void setFirstTokenDelay(Duration firstTokenDelay) {
		this.firstTokenDelay = firstTokenDelay;
	}

	public Duration getTokenDelay() {
		return this.tokenDelay;
	}

	public void setTokenDelay(Duration tokenDelay) {
		this.tokenDelay = tokenDelay;
	}

}

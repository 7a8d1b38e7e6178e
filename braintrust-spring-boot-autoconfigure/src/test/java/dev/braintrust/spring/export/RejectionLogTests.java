package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RejectionLog}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RejectionLogTests {

	@Test
	void logsEachRejectionUpToTheLimitPerInterval(CapturedOutput output) {
		RejectionLog log = new RejectionLog(LogFactory.getLog("dev.braintrust.test.rejections"), 2,
				Duration.ofHours(1));
		for (int i = 1; i <= 5; i++) {
			log.log("rejection number " + i);
		}
		assertThat(output).contains("rejection number 1", "rejection number 2").doesNotContain("rejection number 3");
	}

	@Test
	void saysHowManyLinesWereHeldBack(CapturedOutput output) {
		AtomicLong now = new AtomicLong();
		RejectionLog log = new RejectionLog(LogFactory.getLog("dev.braintrust.test.rejections"), 1,
				Duration.ofMinutes(1), now::get);
		log.log("first");
		log.log("second");
		log.log("third");
		now.addAndGet(Duration.ofMinutes(1).toNanos());
		log.log("fourth");
		assertThat(output).contains("first").contains("fourth (2 similar line(s) held back at DEBUG)");
	}

}

package dev.braintrust.spring.export;

import java.time.Duration;

/**
 * Waits between attempts; replaced in tests to observe the delays.
 *
 * @author Braintrust
 */
@FunctionalInterface
interface Sleeper {

	Sleeper THREAD = (duration) -> {
		if (!duration.isZero() && !duration.isNegative()) {
			Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
		}
	};

	void sleep(Duration duration) throws InterruptedException;

}

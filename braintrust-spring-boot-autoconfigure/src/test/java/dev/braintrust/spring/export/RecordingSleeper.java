package dev.braintrust.spring.export;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that records the waits asked for, and sleeps them only when told to.
 */
final class RecordingSleeper implements Sleeper {

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final boolean sleep;

	private RecordingSleeper(boolean sleep) {
		this.sleep = sleep;
	}

	/**
	 * Records and sleeps.
	 * @return the sleeper
	 */
	static RecordingSleeper sleeping() {
		return new RecordingSleeper(true);
	}

	/**
	 * Records without sleeping, for waits too long for a test.
	 * @return the sleeper
	 */
	static RecordingSleeper recordingOnly() {
		return new RecordingSleeper(false);
	}

	@Override
	public void sleep(Duration duration) throws InterruptedException {
		this.sleeps.add(duration);
		if (this.sleep) {
			Sleeper.THREAD.sleep(duration);
		}
		else if (Thread.interrupted()) {
			throw new InterruptedException();
		}
	}

	List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

}

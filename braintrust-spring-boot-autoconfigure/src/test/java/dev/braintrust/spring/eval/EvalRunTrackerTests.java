package dev.braintrust.spring.eval;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EvalRunTracker}.
 *
 * @author Braintrust
 */
class EvalRunTrackerTests {

	@Test
	@Timeout(30)
	void aRunThatThrowsIsRecordedAsFailedWithItsError() {
		try (EvalRunTracker tracker = new EvalRunTracker()) {
			EvalRunTracker.Start start = tracker.start("broken", (name) -> {
				throw new EvalException("Could not read the cases of eval 'broken'");
			});

			assertThat(start.started()).isTrue();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(tracker.lastFinished("broken")).hasValueSatisfying((run) -> {
					assertThat(run.state()).isEqualTo(EvalRunStatus.State.FAILED);
					assertThat(run.error()).isEqualTo("Could not read the cases of eval 'broken'");
					assertThat(run.id()).isEqualTo(start.run().id());
					assertThat(run.result()).isNull();
				}));
			assertThat(tracker.running("broken")).isEmpty();
			assertThat(tracker.start("broken", (name) -> {
				throw new EvalException("again");
			}).started()).as("a failed run does not block the next").isTrue();
		}
	}

	@Test
	void aRunStartedAfterCloseFailsAtOnce() {
		EvalRunTracker tracker = new EvalRunTracker();
		tracker.close();

		EvalRunTracker.Start start = tracker.start("late", (name) -> {
			throw new IllegalStateException("never called");
		});

		assertThat(start.started()).isTrue();
		assertThat(tracker.latest("late")).hasValueSatisfying((run) -> {
			assertThat(run.state()).isEqualTo(EvalRunStatus.State.FAILED);
			assertThat(run.error()).isEqualTo("the application is shutting down");
		});
	}

	@Test
	void followsARunItDidNotStartFromItsEvents() {
		try (EvalRunTracker tracker = new EvalRunTracker()) {
			tracker.runStarted("observed", "observed-1", 3);

			assertThat(tracker.running("observed")).hasValueSatisfying((run) -> {
				assertThat(run.running()).isTrue();
				assertThat(run.experimentName()).isEqualTo("observed-1");
				assertThat(run.totalCases()).isEqualTo(3);
			});
			assertThat(tracker.start("observed", (name) -> {
				throw new IllegalStateException("not awaited");
			}).started()).as("only runs started by the tracker block a start").isTrue();
		}
	}

}

package dev.braintrust.spring.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the small pieces of the eval runner: {@link GitRepoInfo},
 * {@link EvalAnnotations}, {@link ProgressMonitor}, {@link EvalOptions} and
 * {@link EvalThresholds}.
 *
 * @author Braintrust
 */
class EvalSupportTests {

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

	@TempDir
	Path directory;

	@Test
	void readsTheCommitAndBranchOfARepository() throws Exception {
		Path git = Files.createDirectories(this.directory.resolve("repo/.git"));
		Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
		Files.writeString(Files.createDirectories(git.resolve("refs/heads")).resolve("main"), COMMIT + "\n");
		Path nested = Files.createDirectories(this.directory.resolve("repo/module/src"));

		assertThat(GitRepoInfo.detect(nested)).isEqualTo(Map.of("commit", COMMIT, "branch", "main"));
	}

	@Test
	void readsPackedRefsAndWorktrees() throws Exception {
		Path main = Files.createDirectories(this.directory.resolve("repo/.git"));
		Files.writeString(main.resolve("packed-refs"), "# pack-refs\n" + COMMIT + " refs/heads/feature\n");
		Path worktreeGit = Files.createDirectories(main.resolve("worktrees/wt"));
		Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
		Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
		Path worktree = Files.createDirectories(this.directory.resolve("wt"));
		Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGit + "\n");

		assertThat(GitRepoInfo.detect(worktree)).isEqualTo(Map.of("commit", COMMIT, "branch", "feature"));
	}

	@Test
	void readsADetachedHeadAndNothingOutsideARepository() throws Exception {
		Path git = Files.createDirectories(this.directory.resolve("repo/.git"));
		Files.writeString(git.resolve("HEAD"), COMMIT + "\n");

		assertThat(GitRepoInfo.detect(git.getParent())).isEqualTo(Map.of("commit", COMMIT));
		// a .git file that is not a gitdir pointer: no information rather than an error
		Path broken = Files.createDirectories(this.directory.resolve("broken"));
		Files.writeString(broken.resolve(".git"), "garbage\n");
		assertThat(GitRepoInfo.detect(broken)).isNull();
	}

	@Test
	void parsesAnnotationDurations() {
		assertThat(EvalAnnotations.parseDuration("500ms", "t")).isEqualTo(Duration.ofMillis(500));
		assertThat(EvalAnnotations.parseDuration("30s", "t")).isEqualTo(Duration.ofSeconds(30));
		assertThat(EvalAnnotations.parseDuration("2m", "t")).isEqualTo(Duration.ofMinutes(2));
		assertThat(EvalAnnotations.parseDuration("250", "t")).isEqualTo(Duration.ofMillis(250));
		assertThat(EvalAnnotations.parseDuration("PT1H", "t")).isEqualTo(Duration.ofHours(1));
		assertThatIllegalArgumentException().isThrownBy(() -> EvalAnnotations.parseDuration("soon", "timeout of X"))
			.withMessageContaining("Invalid timeout of X: 'soon'");
	}

	@Test
	void describesProgressWithRateAndTimeLeft() {
		try (ProgressMonitor progress = new ProgressMonitor(LogFactory.getLog(getClass()), "quiz", 10, Duration.ZERO)) {
			assertThat(progress.describe()).startsWith("Eval 'quiz': 0/10 cases done (0%), ");
			for (int i = 0; i < 4; i++) {
				progress.caseDone();
			}
			assertThat(progress.describe()).startsWith("Eval 'quiz': 4/10 cases done (40%), ")
				.contains(" cases/s, about ")
				.endsWith(" left");
		}
		assertThat(ProgressMonitor.formatSeconds(42)).isEqualTo("42s");
		assertThat(ProgressMonitor.formatSeconds(125)).isEqualTo("2m 5s");
		assertThat(ProgressMonitor.formatSeconds(7300)).isEqualTo("2h 1m");
	}

	@Test
	void optionsSetLaterWinAndMapsMerge() {
		EvalOptions definition = EvalOptions.builder()
			.trialCount(2)
			.metadata("model", "a")
			.metadata("prompt", "v1")
			.tags("nightly")
			.thresholds(EvalThresholds.builder().minScore("exact", 0.5).minScore("tone", 0.7).build())
			.build();
		EvalOptions annotation = EvalOptions.builder()
			.trialCount(3)
			.metadata("model", "b")
			.tags("ci")
			.thresholds(EvalThresholds.builder().minScore("exact", 0.9).maxRegressions(0).build())
			.build();

		EvalOptions combined = definition.with(annotation);

		assertThat(combined.trialCount()).isEqualTo(3);
		assertThat(combined.metadata()).containsEntry("model", "b").containsEntry("prompt", "v1");
		assertThat(combined.tags()).containsExactly("nightly", "ci");
		assertThat(combined.thresholds().minScores()).containsEntry("exact", 0.9).containsEntry("tone", 0.7);
		assertThat(combined.thresholds().maxRegressions()).isZero();
		assertThat(combined.summarizeScores()).isTrue();
		assertThat(EvalOptions.defaults().trialCount()).isOne();
	}

	@Test
	void rejectsInvalidOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> EvalOptions.builder().trialCount(0));
		assertThatIllegalArgumentException().isThrownBy(() -> EvalOptions.builder().maxConcurrency(0));
		assertThatIllegalArgumentException().isThrownBy(() -> EvalOptions.builder().timeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> EvalThresholds.builder().minScore("x", 1.5))
			.withMessageContaining("between 0 and 1");
		assertThatIllegalArgumentException().isThrownBy(() -> EvalThresholds.builder().maxRegressions(-1));
	}

}

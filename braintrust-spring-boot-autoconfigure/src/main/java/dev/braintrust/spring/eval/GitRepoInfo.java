package dev.braintrust.spring.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the commit and branch of the git repository around a directory straight from the
 * {@code .git} directory (no {@code git} process), for an experiment's {@code repo_info}.
 * Worktrees and packed refs are understood; anything unexpected gives no information.
 *
 * @author Braintrust
 */
final class GitRepoInfo {

	private GitRepoInfo() {
	}

	/**
	 * The repo info of the repository holding a directory.
	 * @param directory the directory, usually the working directory
	 * @return {@code commit} and {@code branch} (when not detached), or null outside a
	 * repository
	 */
	static @Nullable Map<String, Object> detect(Path directory) {
		try {
			Path gitDir = findGitDir(directory.toAbsolutePath().normalize());
			if (gitDir == null) {
				return null;
			}
			Path commonDir = commonDir(gitDir);
			String head = read(gitDir.resolve("HEAD"));
			if (head == null) {
				return null;
			}
			Map<String, Object> info = new LinkedHashMap<>();
			if (head.startsWith("ref:")) {
				String ref = head.substring(4).trim();
				String commit = resolveRef(gitDir, commonDir, ref);
				if (commit != null) {
					info.put("commit", commit);
				}
				if (ref.startsWith("refs/heads/")) {
					info.put("branch", ref.substring("refs/heads/".length()));
				}
			}
			else if (head.matches("[0-9a-f]{40,64}")) {
				info.put("commit", head);
			}
			return info.isEmpty() ? null : info;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Path findGitDir(Path start) throws IOException {
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			Path git = dir.resolve(".git");
			if (Files.isDirectory(git)) {
				return git;
			}
			if (Files.isRegularFile(git)) {
				// a worktree or submodule: "gitdir: <path>"
				String pointer = read(git);
				if (pointer != null && pointer.startsWith("gitdir:")) {
					return dir.resolve(pointer.substring(7).trim()).normalize();
				}
				return null;
			}
		}
		return null;
	}

	private static Path commonDir(Path gitDir) throws IOException {
		String common = read(gitDir.resolve("commondir"));
		return (common != null) ? gitDir.resolve(common).normalize() : gitDir;
	}

	private static @Nullable String resolveRef(Path gitDir, Path commonDir, String ref) throws IOException {
		for (Path dir : List.of(gitDir, commonDir)) {
			String commit = read(dir.resolve(ref));
			if (commit != null) {
				return commit;
			}
		}
		Path packed = commonDir.resolve("packed-refs");
		if (Files.isRegularFile(packed)) {
			for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
				if (line.endsWith(" " + ref)) {
					return line.substring(0, line.indexOf(' '));
				}
			}
		}
		return null;
	}

	private static @Nullable String read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		String text = Files.readString(file, StandardCharsets.UTF_8).trim();
		return text.isEmpty() ? null : text;
	}

}

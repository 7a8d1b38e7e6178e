package dev.braintrust.spring.logger;

/**
 * Lets a thread wait for room in the logger's queue instead of losing rows. By default a
 * full queue drops the row (counted), so logging never holds up the application; a thread
 * that is not the application's, such as an eval's case and task threads, can choose to
 * wait instead: while it is marked, a row that does not fit waits until the pipeline's
 * worker makes room, at most the export timeout
 * ({@code braintrust.logger.async.export-timeout}), and is dropped (counted) only after
 * that.
 *
 * <pre class="code">
 * try (Backpressure.Scope waiting = Backpressure.waitForRoom()) {
 *     // rows emitted here wait rather than drop
 * }
 * </pre>
 *
 * Never mark a thread that serves the application (a request thread, a shared pool).
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class Backpressure {

	private static final ThreadLocal<Boolean> WAITING = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private Backpressure() {
	}

	/**
	 * Mark the current thread as one whose rows wait for room in a full queue.
	 * @return the scope; closing it restores what was set before
	 */
	public static Scope waitForRoom() {
		Boolean previous = WAITING.get();
		WAITING.set(Boolean.TRUE);
		return () -> WAITING.set(previous);
	}

	/**
	 * Whether rows emitted by the current thread wait for room in a full queue.
	 * @return true inside {@link #waitForRoom()}
	 */
	public static boolean waitsForRoom() {
		return WAITING.get();
	}

	/**
	 * The time a thread is marked.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		/**
		 * Restore the thread's previous mark.
		 */
		@Override
		void close();

	}

}

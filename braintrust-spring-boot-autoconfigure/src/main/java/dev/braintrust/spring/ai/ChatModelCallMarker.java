package dev.braintrust.spring.ai;

/**
 * Marks the thread on which the {@link BraintrustChatClientAdvisor} calls (or subscribes
 * to) the model, so that the {@link BraintrustChatModelObservationHandler} skips the
 * model observation that call opens: the call is logged once, by the advisor.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class ChatModelCallMarker {

	private static final ThreadLocal<Integer> DEPTH = new ThreadLocal<>();

	private ChatModelCallMarker() {
	}

	/**
	 * Mark this thread until the returned scope is closed.
	 * @return the scope
	 */
	static Scope enter() {
		Integer depth = DEPTH.get();
		DEPTH.set((depth != null) ? depth + 1 : 1);
		return () -> {
			Integer current = DEPTH.get();
			if (current == null || current <= 1) {
				DEPTH.remove();
			}
			else {
				DEPTH.set(current - 1);
			}
		};
	}

	/**
	 * Whether the advisor is calling the model on this thread.
	 * @return true inside {@link #enter()}
	 */
	static boolean isMarked() {
		return DEPTH.get() != null;
	}

	/** Ends a mark. */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}

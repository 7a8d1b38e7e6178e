package dev.braintrust.spring.tracing.propagation;

import java.util.Locale;

import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanComponents;
import org.jspecify.annotations.Nullable;

/**
 * The Braintrust object a distributed trace logs to, as carried in the
 * {@code braintrust.parent} baggage member: {@code project_id:<id>},
 * {@code project_name:<name>} or {@code experiment_id:<id>}.
 *
 * @param kind what the value names
 * @param value the id or name, not blank
 * @author Braintrust
 * @since 0.1.0
 */
public record BraintrustParent(Kind kind, String value) {

	/** The key of the baggage member. */
	public static final String BAGGAGE_KEY = "braintrust.parent";

	/**
	 * A parent, checking its value.
	 * @param kind what the value names
	 * @param value the id or name
	 */
	public BraintrustParent {
		if (value.isBlank()) {
			throw new IllegalArgumentException("A Braintrust parent's " + kind.prefix() + " must not be blank");
		}
	}

	/**
	 * The parent naming the object a span logs to.
	 * @param span the span
	 * @return the parent, or null for a span that does not belong to a project's logs or
	 * an experiment
	 */
	public static @Nullable BraintrustParent of(Span span) {
		// The exported form carries the object id the logger resolved (a project's or an
		// experiment's id), which the span's target alone may not know.
		SpanComponents components = SpanComponents.parse(span.export());
		String objectId = components.objectId();
		return switch (components.objectType()) {
			case PROJECT_LOGS -> (objectId != null) ? new BraintrustParent(Kind.PROJECT_ID, objectId)
					: ((components.projectName() != null)
							? new BraintrustParent(Kind.PROJECT_NAME, components.projectName()) : null);
			case EXPERIMENT -> (objectId != null) ? new BraintrustParent(Kind.EXPERIMENT_ID, objectId) : null;
			case DATASET -> null;
		};
	}

	/**
	 * Parse a value such as {@code project_name:my project}.
	 * @param text the decoded value, or null
	 * @return the parent, or null when the value is missing or malformed
	 */
	public static @Nullable BraintrustParent parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		int colon = text.indexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			return null;
		}
		String prefix = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
		String value = text.substring(colon + 1);
		if (value.isBlank()) {
			return null;
		}
		for (Kind kind : Kind.values()) {
			if (kind.prefix().equals(prefix)) {
				return new BraintrustParent(kind, value);
			}
		}
		return null;
	}

	/**
	 * The value, before percent-encoding.
	 * @return {@code <kind>:<value>}
	 */
	public String format() {
		return this.kind.prefix() + ":" + this.value;
	}

	/**
	 * The object a receiving service logs the caller's trace to. The receiver's own
	 * target is used when it names the same object, so that its rows stay together with
	 * the rows it logs outside the trace.
	 * @param receiverTarget the receiving logger's target
	 * @return the object to log to
	 */
	public ObjectRef target(ObjectRef receiverTarget) {
		boolean receiverLogsProject = receiverTarget.type() == ObjectType.PROJECT_LOGS;
		return switch (this.kind) {
			case PROJECT_ID -> (receiverLogsProject && this.value.equals(receiverTarget.projectId())) ? receiverTarget
					: ObjectRef.projectLogs(null, this.value);
			case PROJECT_NAME -> (receiverLogsProject && this.value.equals(receiverTarget.projectName()))
					? receiverTarget : ObjectRef.projectLogs(this.value, null);
			case EXPERIMENT_ID ->
				(receiverTarget.type() == ObjectType.EXPERIMENT && this.value.equals(receiverTarget.key()))
						? receiverTarget : ObjectRef.experiment(receiverTarget.projectName(),
								receiverTarget.projectId(), this.value, this.value);
		};
	}

	/**
	 * What a {@link BraintrustParent} names.
	 */
	public enum Kind {

		/** A project's logs, by project id. */
		PROJECT_ID("project_id"),

		/** A project's logs, by project name. */
		PROJECT_NAME("project_name"),

		/** An experiment, by id. */
		EXPERIMENT_ID("experiment_id");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

		/**
		 * The prefix written before the colon.
		 * @return the prefix
		 */
		public String prefix() {
			return this.prefix;
		}

	}

}

package dev.braintrust.spring.logger;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How to start a span: its name, type and attributes, an explicit parent, a start time,
 * the first event, and attributes every descendant inherits.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class SpanOptions {

	private final @Nullable String name;

	private final @Nullable SpanType type;

	private final Map<String, Object> attributes;

	private final Map<String, Object> propagatedAttributes;

	private final @Nullable Span parentSpan;

	private final @Nullable SpanParent parent;

	private final boolean root;

	private final @Nullable Instant startTime;

	private final @Nullable LogEvent event;

	private final String instrumentation;

	private final @Nullable CallerInfo caller;

	private SpanOptions(Builder builder) {
		this.name = builder.name;
		this.type = builder.type;
		this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
		this.propagatedAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.propagatedAttributes));
		this.parentSpan = builder.parentSpan;
		this.parent = builder.parent;
		this.root = builder.root;
		this.startTime = builder.startTime;
		this.event = builder.event;
		this.instrumentation = builder.instrumentation;
		this.caller = builder.caller;
	}

	/**
	 * Start options for a span with a name.
	 * @param name the span name
	 * @return a builder
	 */
	public static Builder named(String name) {
		return new Builder().name(name);
	}

	/**
	 * Start options with nothing set: the name defaults to {@code root} or
	 * {@code subspan}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The span name.
	 * @return the name or null for the default
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * The span type.
	 * @return the type or null
	 */
	public @Nullable SpanType type() {
		return this.type;
	}

	/**
	 * Extra span attributes.
	 * @return the attributes
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	/**
	 * Span attributes this span and all its descendants carry, such as
	 * {@code purpose: "scorer"}.
	 * @return the propagated attributes
	 */
	public Map<String, Object> propagatedAttributes() {
		return this.propagatedAttributes;
	}

	/**
	 * An explicit live parent.
	 * @return the parent span or null
	 */
	public @Nullable Span parentSpan() {
		return this.parentSpan;
	}

	/**
	 * An explicit remote parent or target object.
	 * @return the parent or null
	 */
	public @Nullable SpanParent parent() {
		return this.parent;
	}

	/**
	 * Whether to start a root span even when a span is current.
	 * @return true to ignore the current span
	 */
	public boolean isRoot() {
		return this.root;
	}

	/**
	 * The start time.
	 * @return the start time, or null for now
	 */
	public @Nullable Instant startTime() {
		return this.startTime;
	}

	/**
	 * The first event.
	 * @return the event or null
	 */
	public @Nullable LogEvent event() {
		return this.event;
	}

	/**
	 * The integration that starts the span, written to {@code context.span_origin}.
	 * @return the instrumentation name
	 */
	public String instrumentation() {
		return this.instrumentation;
	}

	/**
	 * Where in the caller's code the span starts.
	 * @return the caller, or null to find it on the stack
	 */
	public @Nullable CallerInfo caller() {
		return this.caller;
	}

	/**
	 * Builds {@link SpanOptions}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private @Nullable SpanType type;

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private final Map<String, Object> propagatedAttributes = new LinkedHashMap<>();

		private @Nullable Span parentSpan;

		private @Nullable SpanParent parent;

		private boolean root;

		private @Nullable Instant startTime;

		private @Nullable LogEvent event;

		private String instrumentation = SpanOrigin.LOGGER;

		private @Nullable CallerInfo caller;

		private Builder() {
		}

		/**
		 * Set the name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Set the type.
		 * @param type the type
		 * @return this builder
		 */
		public Builder type(@Nullable SpanType type) {
			this.type = type;
			return this;
		}

		/**
		 * Add a span attribute.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder attribute(String key, Object value) {
			this.attributes.put(key, value);
			return this;
		}

		/**
		 * Add a span attribute that every descendant span also carries.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder propagatedAttribute(String key, Object value) {
			this.propagatedAttributes.put(key, value);
			return this;
		}

		/**
		 * Set the parent span.
		 * @param parent the parent
		 * @return this builder
		 */
		public Builder parent(@Nullable Span parent) {
			this.parentSpan = parent;
			return this;
		}

		/**
		 * Set a remote parent, or the object to start a root span in.
		 * @param parent the parent
		 * @return this builder
		 */
		public Builder parent(@Nullable SpanParent parent) {
			this.parent = parent;
			return this;
		}

		/**
		 * Start a root span, even when a span is current.
		 * @return this builder
		 */
		public Builder root() {
			this.root = true;
			return this;
		}

		/**
		 * Set the start time.
		 * @param startTime the start time
		 * @return this builder
		 */
		public Builder startTime(@Nullable Instant startTime) {
			this.startTime = startTime;
			return this;
		}

		/**
		 * Set the first event.
		 * @param event the event
		 * @return this builder
		 */
		public Builder event(@Nullable LogEvent event) {
			this.event = event;
			return this;
		}

		/**
		 * Set the integration that starts the span.
		 * @param instrumentation the name, such as {@code "traced"} or
		 * {@code "spring-ai"}
		 * @return this builder
		 */
		public Builder instrumentation(String instrumentation) {
			this.instrumentation = instrumentation;
			return this;
		}

		/**
		 * Set the caller.
		 * @param caller the caller
		 * @return this builder
		 */
		public Builder caller(@Nullable CallerInfo caller) {
			this.caller = caller;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public SpanOptions build() {
			return new SpanOptions(this);
		}

	}

}

package dev.braintrust.spring.logger;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.channels.Channel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * Turns whatever a caller logs into a detached JSON tree, synchronously, so that later
 * changes to the caller's objects do not change what was logged. It never throws: cycles,
 * getters that throw, streams, binary data, deep nesting and huge strings all become
 * valid JSON with a clear placeholder in place of the part that could not be captured.
 * Java beans and records go through Jackson, so {@code @JsonIgnore},
 * {@code @JsonProperty} and friends are honoured.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class ValueCapture {

	/**
	 * Default longest string kept, in UTF-16 code units; longer ones are cut with a
	 * marker.
	 */
	public static final int DEFAULT_MAX_STRING_LENGTH = 1_000_000;

	/** Default deepest nesting kept, as in the official SDKs. */
	public static final int DEFAULT_MAX_DEPTH = 200;

	/** Placeholder for a value seen again on its own path. */
	public static final String CIRCULAR_REFERENCE = "<circular reference>";

	/** Placeholder for a value nested deeper than the maximum depth. */
	public static final String MAX_DEPTH_EXCEEDED = "<max depth exceeded>";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final ValueCapture DEFAULTS = new ValueCapture(DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_DEPTH);

	private static final ThreadLocal<@Nullable Walk> CURRENT_WALK = new ThreadLocal<>();

	// Decided once per class: a chain of failed instanceof checks against interfaces is
	// slow (and thrashes the JVM's per-class cache of the last interface checked).
	private static final ClassValue<Boolean> PLAIN_TEXT_TYPES = classPredicate(ValueCapture::isPlainTextType);

	private static final ClassValue<Boolean> STREAM_LIKE_TYPES = classPredicate(ValueCapture::isStreamLikeType);

	private final int maxStringLength;

	private final int maxDepth;

	private final JsonMapper beanMapper;

	/**
	 * Create a capture with the given limits.
	 * @param maxStringLength the longest string kept, at least 16
	 * @param maxDepth the deepest nesting kept, at least 1
	 */
	public ValueCapture(int maxStringLength, int maxDepth) {
		if (maxStringLength < 16) {
			throw new IllegalArgumentException("maxStringLength must be at least 16, was " + maxStringLength);
		}
		if (maxDepth < 1) {
			throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
		}
		this.maxStringLength = maxStringLength;
		this.maxDepth = maxDepth;
		SimpleModule guard = new SimpleModule("braintrust-value-capture");
		guard.setSerializerModifier(new GuardedPropertiesModifier());
		this.beanMapper = JsonMapper.builder()
			.addModule(guard)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
			.build();
	}

	/**
	 * The capture with the default limits.
	 * @return the shared default instance
	 */
	public static ValueCapture defaults() {
		return DEFAULTS;
	}

	/**
	 * The longest string kept.
	 * @return the limit in UTF-16 code units
	 */
	public int getMaxStringLength() {
		return this.maxStringLength;
	}

	/**
	 * Capture a value as a detached JSON tree. Never throws.
	 * @param value any value
	 * @return its JSON form, with placeholders where a part could not be captured
	 */
	public JsonNode capture(@Nullable Object value) {
		try {
			return new Walk().convert(value);
		}
		catch (StackOverflowError | RuntimeException ex) {
			return NODES.stringNode(unserializable(value, ex));
		}
	}

	/**
	 * Cap a string at the maximum length, marking what was cut.
	 * @param value the string
	 * @return the string, or its head followed by a truncation marker
	 */
	public String capString(String value) {
		if (value.length() <= this.maxStringLength) {
			return value;
		}
		int end = this.maxStringLength;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end) + "...<truncated " + (value.length() - end) + " characters>";
	}

	private static String unserializable(@Nullable Object value, Throwable ex) {
		String type = (value != null) ? value.getClass().getName() : "null";
		return "<unserializable " + type + ": " + ex.getClass().getSimpleName()
				+ ((ex.getMessage() != null) ? ": " + firstLine(ex.getMessage()) : "") + ">";
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof java.lang.reflect.InvocationTargetException
				|| cause.getClass() == RuntimeException.class || cause instanceof IllegalArgumentException)
				&& cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

	/** One capture: tracks the objects on the current path and the current depth. */
	private final class Walk {

		// the values being converted, outermost first: searching a short list by
		// identity costs less than an IdentityHashMap created for every capture
		private final List<Object> path = new ArrayList<>(8);

		private int depth;

		JsonNode convert(@Nullable Object value) {
			if (value == null) {
				return NODES.nullNode();
			}
			if (value instanceof String string) {
				return NODES.stringNode(capString(string));
			}
			if (value instanceof Boolean bool) {
				return NODES.booleanNode(bool);
			}
			if (value instanceof Number number) {
				return number(number);
			}
			if (value instanceof JsonNode node) {
				return node.deepCopy();
			}
			if (this.depth >= ValueCapture.this.maxDepth) {
				return NODES.stringNode(MAX_DEPTH_EXCEEDED);
			}
			if (value instanceof CharSequence || value instanceof Character) {
				return NODES.stringNode(capString(value.toString()));
			}
			if (value instanceof Enum<?> enumValue) {
				return NODES.stringNode(enumValue.name());
			}
			if (isPlainText(value)) {
				return NODES.stringNode(capString(value.toString()));
			}
			if (value instanceof Date date) {
				return NODES.stringNode(date.toInstant().toString());
			}
			if (value instanceof Calendar calendar) {
				return NODES.stringNode(calendar.toInstant().toString());
			}
			if (value instanceof Optional<?> optional) {
				return convert(optional.orElse(null));
			}
			if (value instanceof OptionalInt optional) {
				return optional.isPresent() ? NODES.numberNode(optional.getAsInt()) : NODES.nullNode();
			}
			if (value instanceof OptionalLong optional) {
				return optional.isPresent() ? NODES.numberNode(optional.getAsLong()) : NODES.nullNode();
			}
			if (value instanceof OptionalDouble optional) {
				return optional.isPresent() ? doubleNode(optional.getAsDouble()) : NODES.nullNode();
			}
			if (value instanceof byte[] bytes) {
				return NODES.stringNode("<binary data: " + bytes.length + " bytes>");
			}
			if (value instanceof char[] chars) {
				return NODES.stringNode(capString(new String(chars)));
			}
			if (value instanceof Span) {
				return NODES.stringNode("<span>");
			}
			if (value instanceof BraintrustLogger) {
				return NODES.stringNode("<logger>");
			}
			if (isStreamLike(value)) {
				return NODES.stringNode("<stream: " + value.getClass().getName() + ">");
			}
			if (value instanceof Throwable throwable) {
				ObjectNode node = NODES.objectNode();
				node.put("type", throwable.getClass().getName());
				node.put("message", (throwable.getMessage() != null) ? capString(throwable.getMessage()) : null);
				return node;
			}
			if (onPath(value)) {
				return NODES.stringNode(CIRCULAR_REFERENCE);
			}
			this.path.add(value);
			this.depth++;
			try {
				if (value instanceof Map<?, ?> map) {
					return map(map);
				}
				if (value instanceof Collection<?> collection) {
					return array(collection);
				}
				if (value.getClass().isArray()) {
					return primitiveOrObjectArray(value);
				}
				return bean(value);
			}
			finally {
				this.depth--;
				this.path.remove(this.path.size() - 1);
			}
		}

		private boolean onPath(Object value) {
			for (int i = this.path.size() - 1; i >= 0; i--) {
				if (this.path.get(i) == value) {
					return true;
				}
			}
			return false;
		}

		private JsonNode map(Map<?, ?> map) {
			ObjectNode node = NODES.objectNode();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				Object key = entry.getKey();
				String name = (key instanceof String text) ? text : String.valueOf(key);
				node.set(capString(name), convertGuarded(entry.getValue()));
			}
			return node;
		}

		private JsonNode array(Collection<?> collection) {
			ArrayNode node = NODES.arrayNode(collection.size());
			for (Object item : collection) {
				node.add(convertGuarded(item));
			}
			return node;
		}

		private JsonNode primitiveOrObjectArray(Object array) {
			if (array instanceof Object[] objects) {
				return array(Arrays.asList(objects));
			}
			ArrayNode node = NODES.arrayNode();
			int length = java.lang.reflect.Array.getLength(array);
			for (int i = 0; i < length; i++) {
				node.add(convert(java.lang.reflect.Array.get(array, i)));
			}
			return node;
		}

		private JsonNode bean(Object value) {
			Walk previous = CURRENT_WALK.get();
			CURRENT_WALK.set(this);
			try {
				JsonNode node = ValueCapture.this.beanMapper.valueToTree(value);
				if (node instanceof ObjectNode object && object.isEmpty() && !hasDeclaredToString(value)) {
					return NODES.stringNode("<" + value.getClass().getName() + ">");
				}
				if (node instanceof ObjectNode object && object.isEmpty()) {
					return NODES.stringNode(capString(String.valueOf(value)));
				}
				return node;
			}
			catch (StackOverflowError | RuntimeException ex) {
				return NODES.stringNode(unserializable(value, ex));
			}
			finally {
				if (previous != null) {
					CURRENT_WALK.set(previous);
				}
				else {
					CURRENT_WALK.remove();
				}
			}
		}

		JsonNode convertGuarded(@Nullable Object value) {
			try {
				return convert(value);
			}
			catch (RuntimeException ex) {
				return NODES.stringNode(unserializable(value, ex));
			}
		}

	}

	private static boolean hasDeclaredToString(Object value) {
		try {
			return value.getClass().getMethod("toString").getDeclaringClass() != Object.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static JsonNode number(Number number) {
		if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
			return NODES.numberNode(number.intValue());
		}
		if (number instanceof Long) {
			return NODES.numberNode(number.longValue());
		}
		if (number instanceof Double || number instanceof Float) {
			return doubleNode(number.doubleValue());
		}
		if (number instanceof BigDecimal decimal) {
			return NODES.numberNode(decimal);
		}
		if (number instanceof BigInteger integer) {
			return NODES.numberNode(integer);
		}
		if (number instanceof AtomicInteger || number instanceof AtomicLong) {
			return NODES.numberNode(number.longValue());
		}
		return doubleNode(number.doubleValue());
	}

	/**
	 * A double as JSON: NaN and infinities have no JSON number form, so they become the
	 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as in the
	 * official SDKs.
	 * @param value the number
	 * @return its JSON node
	 */
	static JsonNode doubleNode(double value) {
		if (Double.isNaN(value)) {
			return NODES.stringNode("NaN");
		}
		if (Double.isInfinite(value)) {
			return NODES.stringNode((value > 0) ? "Infinity" : "-Infinity");
		}
		return NODES.numberNode(value);
	}

	private static boolean isPlainText(Object value) {
		return PLAIN_TEXT_TYPES.get(value.getClass());
	}

	private static boolean isStreamLike(Object value) {
		return STREAM_LIKE_TYPES.get(value.getClass());
	}

	private static boolean isPlainTextType(Class<?> type) {
		return isAny(type, UUID.class, URI.class, URL.class, Path.class, File.class, TemporalAccessor.class,
				TemporalAmount.class, ZoneId.class, TimeZone.class, Locale.class, Currency.class, Charset.class,
				Pattern.class, Class.class, AtomicBoolean.class);
	}

	private static boolean isStreamLikeType(Class<?> type) {
		return isAny(type, InputStream.class, OutputStream.class, Reader.class, Writer.class, BaseStream.class,
				Iterator.class, Spliterator.class, Channel.class, Future.class, Thread.class, ClassLoader.class)
				|| isReactiveStreamType(type)
				|| (Iterable.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type));
	}

	private static boolean isAny(Class<?> type, Class<?>... candidates) {
		for (Class<?> candidate : candidates) {
			if (candidate.isAssignableFrom(type)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isReactiveStreamType(Class<?> type) {
		for (Class<?> implemented : type.getInterfaces()) {
			if (implemented.getName().equals("org.reactivestreams.Publisher")) {
				return true;
			}
		}
		Class<?> superclass = type.getSuperclass();
		while (superclass != null) {
			String name = superclass.getName();
			if (name.equals("reactor.core.publisher.Mono") || name.equals("reactor.core.publisher.Flux")) {
				return true;
			}
			superclass = superclass.getSuperclass();
		}
		return false;
	}

	private static ClassValue<Boolean> classPredicate(Predicate<Class<?>> predicate) {
		return new ClassValue<>() {

			@Override
			protected Boolean computeValue(Class<?> type) {
				return predicate.test(type);
			}

		};
	}

	/**
	 * Wraps every bean property so that it is read safely and converted by the current
	 * walk.
	 */
	private static final class GuardedPropertiesModifier extends ValueSerializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier beanDesc,
				List<BeanPropertyWriter> beanProperties) {
			return beanProperties.stream().<BeanPropertyWriter>map(GuardedPropertyWriter::new).toList();
		}

	}

	private static final class GuardedPropertyWriter extends BeanPropertyWriter {

		private static final long serialVersionUID = 1L;

		GuardedPropertyWriter(BeanPropertyWriter base) {
			super(base);
		}

		@Override
		public void serializeAsProperty(Object bean, JsonGenerator gen, SerializationContext ctxt) throws Exception {
			Walk walk = CURRENT_WALK.get();
			JsonNode node;
			try {
				Object value = get(bean);
				node = (walk != null) ? walk.convert(value) : NODES.nullNode();
			}
			catch (Exception ex) {
				Throwable cause = rootCause(ex);
				node = NODES
					.stringNode("<error reading property '" + getName() + "': " + cause.getClass().getSimpleName()
							+ ((cause.getMessage() != null) ? ": " + firstLine(cause.getMessage()) : "") + ">");
			}
			gen.writeName(getName());
			node.serialize(gen, ctxt);
		}

	}

}

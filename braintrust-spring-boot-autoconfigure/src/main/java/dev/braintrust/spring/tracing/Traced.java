package dev.braintrust.spring.tracing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.braintrust.spring.logger.SpanType;

/**
 * Turns each call of a method into a Braintrust span: a child of the current span (an
 * eval's task span, say) or a root span of the project's logs. The arguments are logged
 * as the span's input, keyed by parameter name, and the return value as its output; an
 * exception is logged as the span's error and rethrown unchanged. When the declared
 * return type is asynchronous ({@code CompletionStage}, Reactor's {@code Mono} or
 * {@code Flux}), the span ends when the work ends.
 * <p>
 * On a class, every public method is traced, named after the method; the annotation's
 * {@link #name()} then replaces the class name in the span names. An annotation on a
 * method takes precedence over the one on its class.
 * <p>
 * Spring applies the annotation through a proxy, so a call from one method of a bean to
 * another method of the same bean is not traced.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Traced {

	/**
	 * The span name. Defaults to {@code SimpleClassName.method}; on a class, the name
	 * replaces {@code SimpleClassName}.
	 * @return the span name, or an empty string for the default
	 */
	String name() default "";

	/**
	 * The span type.
	 * @return the type, {@link SpanType#FUNCTION} by default
	 */
	SpanType type() default SpanType.FUNCTION;

	/**
	 * Whether to log the arguments as the span's input. Switch it off for arguments that
	 * are large or sensitive (the Python SDK's {@code notrace_io}).
	 * @return true to log the arguments
	 */
	boolean captureInput() default true;

	/**
	 * Whether to log the return value (or a {@code Flux}'s items) as the span's output.
	 * @return true to log the return value
	 */
	boolean captureOutput() default true;

}

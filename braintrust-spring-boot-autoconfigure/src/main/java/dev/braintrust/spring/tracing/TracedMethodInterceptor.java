package dev.braintrust.spring.tracing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.braintrust.spring.logger.BraintrustLogger;
import dev.braintrust.spring.logger.CallerInfo;
import dev.braintrust.spring.logger.CurrentSpan;
import dev.braintrust.spring.logger.LogEvent;
import dev.braintrust.spring.logger.Span;
import dev.braintrust.spring.logger.SpanOptions;
import dev.braintrust.spring.logger.SpanScope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Traces calls of {@link Traced @Traced} methods: starts a span with the logger (a child
 * of the current span, or a root span), makes it current on the calling thread for the
 * duration of the call only, logs the arguments as the input and the return value as the
 * output, and ends it, or hands it to an {@link AsyncResultHandler} when the declared
 * return type is asynchronous. An exception thrown by the method is logged as the span's
 * error and rethrown as the same object. Telemetry never fails the call: when a span
 * cannot be started, the method runs untraced.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class TracedMethodInterceptor implements MethodInterceptor {

	/** The instrumentation name written to {@code context.span_origin}. */
	public static final String INSTRUMENTATION = "traced";

	private static final Log logger = LogFactory.getLog(TracedMethodInterceptor.class);

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			TracedMethodInterceptor.class.getClassLoader());

	private final Supplier<BraintrustLogger> braintrustLogger;

	private final Supplier<List<AsyncResultHandler>> asyncResultHandlers;

	private final Map<MethodClassKey, Optional<TracedMethod>> methods = new ConcurrentHashMap<>(64);

	private final ParameterNameDiscoverer parameterNameDiscoverer = new DefaultParameterNameDiscoverer();

	/**
	 * An interceptor that logs with the given logger and handles the default asynchronous
	 * types.
	 * @param braintrustLogger the logger
	 */
	public TracedMethodInterceptor(BraintrustLogger braintrustLogger) {
		this(() -> braintrustLogger, TracedMethodInterceptor::defaultAsyncResultHandlers);
	}

	/**
	 * An interceptor that looks up its logger and asynchronous result handlers on first
	 * use, so that a post-processor need not create them early.
	 * @param braintrustLogger supplies the logger; called on every traced call, so it
	 * should be cheap
	 * @param asyncResultHandlers supplies the handlers, in order; called once per method
	 */
	public TracedMethodInterceptor(Supplier<BraintrustLogger> braintrustLogger,
			Supplier<List<AsyncResultHandler>> asyncResultHandlers) {
		this.braintrustLogger = braintrustLogger;
		this.asyncResultHandlers = asyncResultHandlers;
	}

	/**
	 * The handlers used when none are given: {@link CompletionStageResultHandler} and,
	 * when Reactor is on the class path, {@link ReactorResultHandler}.
	 * @return the default handlers
	 */
	public static List<AsyncResultHandler> defaultAsyncResultHandlers() {
		List<AsyncResultHandler> handlers = new ArrayList<>();
		handlers.add(new CompletionStageResultHandler());
		if (REACTOR_PRESENT) {
			handlers.add(new ReactorResultHandler());
		}
		return List.copyOf(handlers);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		BraintrustLogger braintrustLogger = logger();
		if (braintrustLogger == null) {
			return invocation.proceed();
		}
		TracedMethod traced = tracedMethod(invocation);
		if (traced == null) {
			return invocation.proceed();
		}
		Span span = startSpan(braintrustLogger, traced, invocation.getArguments());
		if (span == null) {
			return invocation.proceed();
		}
		SpanCompletion completion = SpanCompletion.of(span, traced.captureOutput());
		Object result;
		try {
			SpanScope scope = makeCurrent(span);
			try {
				result = invocation.proceed();
			}
			finally {
				scope.close();
			}
		}
		catch (Throwable ex) {
			completion.fail(ex);
			throw ex;
		}
		AsyncResultHandler handler = traced.asyncResultHandler();
		if (handler == null) {
			completion.complete(result);
			return result;
		}
		try {
			return handler.handle(result, completion);
		}
		catch (RuntimeException ex) {
			logger.debug("Asynchronous result handler " + handler + " failed; ending the span now", ex);
			completion.complete(null);
			return result;
		}
	}

	private @Nullable BraintrustLogger logger() {
		try {
			BraintrustLogger braintrustLogger = this.braintrustLogger.get();
			return (braintrustLogger != BraintrustLogger.noop()) ? braintrustLogger : null;
		}
		catch (RuntimeException ex) {
			// the context may be closing; the call still runs
			logger.debug("No Braintrust logger available; the call is not traced", ex);
			return null;
		}
	}

	private @Nullable Span startSpan(BraintrustLogger braintrustLogger, TracedMethod traced, @Nullable Object[] args) {
		try {
			SpanOptions.Builder options = SpanOptions.named(traced.name())
				.type(traced.type())
				.instrumentation(INSTRUMENTATION)
				.caller(traced.caller());
			if (traced.captureInput()) {
				options.event(LogEvent.builder().input(input(traced.parameterNames(), args)).build());
			}
			Span span = braintrustLogger.startSpan(options.build());
			return span.isNoop() ? null : span;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not start a span for " + traced.name() + "; the call is not traced", ex);
			return null;
		}
	}

	private static SpanScope makeCurrent(Span span) {
		try {
			return CurrentSpan.set(span);
		}
		catch (RuntimeException ex) {
			return () -> {
			};
		}
	}

	private static Map<String, @Nullable Object> input(String[] names, @Nullable Object[] args) {
		Map<String, @Nullable Object> input = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			input.put((i < names.length) ? names[i] : "arg" + i, args[i]);
		}
		return input;
	}

	private @Nullable TracedMethod tracedMethod(MethodInvocation invocation) {
		try {
			Method method = invocation.getMethod();
			Object target = invocation.getThis();
			Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
			return this.methods
				.computeIfAbsent(new MethodClassKey(method, targetClass), (key) -> resolve(method, targetClass))
				.orElse(null);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read @Traced on " + invocation.getMethod() + "; the call is not traced", ex);
			return null;
		}
	}

	private Optional<TracedMethod> resolve(Method method, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Method specificMethod = AopUtils.getMostSpecificMethod(method, userClass);
		Traced annotation = AnnotatedElementUtils.findMergedAnnotation(specificMethod, Traced.class);
		if (annotation == null && specificMethod != method) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, Traced.class);
		}
		String name;
		if (annotation != null) {
			name = StringUtils.hasText(annotation.name()) ? annotation.name()
					: simpleName(userClass) + "." + method.getName();
		}
		else {
			if (!Modifier.isPublic(method.getModifiers()) || isObjectMethod(method)) {
				return Optional.empty();
			}
			annotation = AnnotatedElementUtils.findMergedAnnotation(userClass, Traced.class);
			if (annotation == null) {
				annotation = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), Traced.class);
			}
			if (annotation == null) {
				return Optional.empty();
			}
			name = (StringUtils.hasText(annotation.name()) ? annotation.name() : simpleName(userClass)) + "."
					+ method.getName();
		}
		return Optional.of(new TracedMethod(name, annotation.type(), annotation.captureInput(),
				annotation.captureOutput(), parameterNames(specificMethod), CallerInfo.of(specificMethod),
				asyncResultHandler(method.getReturnType())));
	}

	private String[] parameterNames(Method method) {
		String[] names = this.parameterNameDiscoverer.getParameterNames(method);
		if (names != null && names.length == method.getParameterCount()) {
			return names;
		}
		String[] fallback = new String[method.getParameterCount()];
		for (int i = 0; i < fallback.length; i++) {
			fallback[i] = "arg" + i;
		}
		return fallback;
	}

	private @Nullable AsyncResultHandler asyncResultHandler(Class<?> declaredReturnType) {
		if (declaredReturnType == void.class || declaredReturnType.isPrimitive()) {
			return null;
		}
		for (AsyncResultHandler handler : this.asyncResultHandlers.get()) {
			if (handler.supports(declaredReturnType)) {
				return handler;
			}
		}
		return null;
	}

	private static boolean isObjectMethod(Method method) {
		return ReflectionUtils.isObjectMethod(method) || ReflectionUtils.isEqualsMethod(method)
				|| ReflectionUtils.isHashCodeMethod(method) || ReflectionUtils.isToStringMethod(method);
	}

	private static String simpleName(Class<?> type) {
		String simpleName = type.getSimpleName();
		return StringUtils.hasText(simpleName) ? simpleName : ClassUtils.getShortName(type);
	}

}

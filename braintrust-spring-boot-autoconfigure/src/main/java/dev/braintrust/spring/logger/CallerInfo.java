package dev.braintrust.spring.logger;

import java.lang.reflect.Method;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where in the caller's code a span was started: written to {@code context} as
 * {@code caller_functionname}, {@code caller_filename} and {@code caller_lineno}.
 *
 * @param functionName the class and method, as {@code SimpleClassName.method}
 * @param fileName the source file name, if known
 * @param lineNumber the line, or a negative number if unknown
 * @author Braintrust
 * @since 0.1.0
 */
public record CallerInfo(String functionName, @Nullable String fileName, int lineNumber) {

	private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private static final @Nullable Object SDK_CODE_SOURCE = codeSourceOf(CallerInfo.class);

	/**
	 * The caller of a traced method, known without walking the stack.
	 * @param method the method
	 * @return the caller info
	 */
	public static CallerInfo of(Method method) {
		Class<?> type = method.getDeclaringClass();
		return new CallerInfo(type.getSimpleName() + "." + method.getName(), type.getSimpleName() + ".java", -1);
	}

	/**
	 * The first frame outside this SDK, Spring's proxies, the JDK's reflection, Reactor,
	 * Spring AI and Micrometer observations.
	 * @return the caller, or {@code null} when none is found
	 */
	public static @Nullable CallerInfo fromStack() {
		Optional<StackWalker.StackFrame> frame = WALKER
			.walk((frames) -> frames.filter(CallerInfo::isUserFrame).findFirst());
		return frame
			.map((f) -> new CallerInfo(simpleName(f.getClassName()) + "." + f.getMethodName(), f.getFileName(),
					f.getLineNumber()))
			.orElse(null);
	}

	/**
	 * Write this caller into a row's context.
	 * @param context the context object
	 */
	public void writeTo(ObjectNode context) {
		context.put("caller_functionname", this.functionName);
		if (this.fileName != null) {
			context.put("caller_filename", this.fileName);
		}
		if (this.lineNumber >= 0) {
			context.put("caller_lineno", this.lineNumber);
		}
	}

	private static boolean isUserFrame(StackWalker.StackFrame frame) {
		String name = frame.getClassName();
		// The SDK's own classes are recognised by where they were loaded from, so that
		// user
		// code (and tests) in packages under dev.braintrust.spring still count as
		// callers.
		Object codeSource = codeSourceOf(frame.getDeclaringClass());
		return !(codeSource != null && codeSource.equals(SDK_CODE_SOURCE))
				&& !name.startsWith("org.springframework.aop.") && !name.startsWith("org.springframework.cglib.")
				&& !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")
				&& !name.contains("$$SpringCGLIB$$") && !name.startsWith("reactor.core.")
				&& !name.startsWith("org.springframework.ai.") && !name.startsWith("io.micrometer.observation.");
	}

	private static @Nullable Object codeSourceOf(Class<?> type) {
		java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
		return (source != null && source.getLocation() != null) ? source.getLocation().toString() : null;
	}

	private static String simpleName(String className) {
		int dot = className.lastIndexOf('.');
		return (dot >= 0) ? className.substring(dot + 1) : className;
	}

}

package dev.braintrust.spring.ai;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads details that only the providers' own types carry (this module does not compile
 * against any provider): the reasoning tokens of an OpenAI {@code CompletionUsage}, or an
 * option getter of a provider's options class. Public no-argument methods only; anything
 * unexpected reads as absent.
 *
 * @author Braintrust
 * @since 0.1.0
 */
final class NativeUsage {

	private NativeUsage() {
	}

	/**
	 * The reasoning tokens in a provider's native usage: OpenAI's
	 * {@code completionTokensDetails().reasoningTokens()}, or a map's
	 * {@code completion_tokens_details.reasoning_tokens}.
	 * @param nativeUsage the native usage object
	 * @return the count, or null when not reported
	 */
	static @Nullable Long reasoningTokens(@Nullable Object nativeUsage) {
		if (nativeUsage == null) {
			return null;
		}
		Object count;
		if (nativeUsage instanceof Map<?, ?> map) {
			Object details = map.get("completion_tokens_details");
			count = (details instanceof Map<?, ?> detailMap) ? detailMap.get("reasoning_tokens") : null;
		}
		else {
			count = invokeGetter(invokeGetter(nativeUsage, "completionTokensDetails"), "reasoningTokens");
		}
		return (count instanceof Number number) ? number.longValue() : null;
	}

	/**
	 * Call a public no-argument method, unwrapping an {@link Optional} result.
	 * @param target the object, or null
	 * @param name the method name
	 * @return the result, or null when there is no such method or it fails
	 */
	static @Nullable Object invokeGetter(@Nullable Object target, String name) {
		if (target == null) {
			return null;
		}
		try {
			Method method = target.getClass().getMethod(name);
			if (method.getParameterCount() != 0 || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
				return null;
			}
			Object value = method.invoke(target);
			return (value instanceof Optional<?> optional) ? optional.orElse(null) : value;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

}

package dev.braintrust.spring.export;

import org.jspecify.annotations.Nullable;

/**
 * The result of resolving an object's ids: the ids, or the answer that prevented it.
 *
 * @param ids the ids, or null on failure
 * @param failure the failed request, or null on success
 * @author Braintrust
 */
record Registration(@Nullable RemoteIds ids, @Nullable ApiResponse failure) {

	static Registration of(RemoteIds ids) {
		return new Registration(ids, null);
	}

	static Registration failed(ApiResponse failure) {
		return new Registration(null, failure);
	}

}

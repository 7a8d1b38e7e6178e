package dev.braintrust.spring.store;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The local store directory cannot be used.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class LocalStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path directory;

	/**
	 * Create an exception.
	 * @param message what is wrong
	 * @param directory the directory
	 * @param cause the cause, if any
	 */
	public LocalStoreException(String message, Path directory, @Nullable Throwable cause) {
		super(message, cause);
		this.directory = directory;
	}

	/**
	 * The directory that cannot be used.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

}

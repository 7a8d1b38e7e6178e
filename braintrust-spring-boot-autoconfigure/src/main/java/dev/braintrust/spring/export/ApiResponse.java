package dev.braintrust.spring.export;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request to Braintrust: an HTTP answer, or a failure to get one.
 * Never holds the API key: server messages are redacted by {@link BraintrustApi}.
 *
 * @param operation the request, as {@code "POST /v1/insert"}
 * @param status the HTTP status, or 0 when no answer came (connection error, timeout)
 * @param body the answer's body
 * @param retryAfter the wait the server asked for, or null
 * @param transportError what went wrong when no answer came, or null
 * @author Braintrust
 */
record ApiResponse(String operation, int status, byte[] body, @Nullable Duration retryAfter,
		@Nullable String transportError) {

	private static final int MAX_MESSAGE_LENGTH = 2000;

	static ApiResponse failure(String operation, String error) {
		return new ApiResponse(operation, 0, new byte[0], null, error);
	}

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * Whether the same request may succeed later: no answer, a timeout, a rate limit or a
	 * server error.
	 * @return true when worth retrying
	 */
	boolean isRetryable() {
		return this.status == 0 || this.status == 408 || this.status == 425 || this.status == 429 || this.status >= 500;
	}

	/**
	 * Whether Braintrust refused the request for good: a 4xx other than timeouts and rate
	 * limits, or a redirect (redirects are not followed: they mean a wrong
	 * {@code braintrust.api-url}).
	 * @return true when retrying cannot help
	 */
	boolean isRejected() {
		return !isSuccess() && !isRetryable();
	}

	/**
	 * The server's message on one line, shortened.
	 * @return the message, or an empty string
	 */
	String message() {
		String text = new String(this.body, StandardCharsets.UTF_8).strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
		return (text.length() > MAX_MESSAGE_LENGTH) ? text.substring(0, MAX_MESSAGE_LENGTH) + "..." : text;
	}

	/**
	 * A short description for logs and the pipeline's last error.
	 * @return the description
	 */
	String describe() {
		if (this.status == 0) {
			return this.operation + " failed: " + this.transportError;
		}
		String message = message();
		return this.operation + " answered HTTP " + this.status + (message.isEmpty() ? "" : ": " + message);
	}

	@Override
	public String toString() {
		return "ApiResponse[" + describe() + "]";
	}

}

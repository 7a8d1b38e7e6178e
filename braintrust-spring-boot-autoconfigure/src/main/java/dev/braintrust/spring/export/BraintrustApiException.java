package dev.braintrust.spring.export;

/**
 * A request to Braintrust's REST API failed for good: refused (a 4xx answer), or still
 * failing after its retries. The message names the request, the status and the server's
 * message; it never contains the API key.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class BraintrustApiException extends RuntimeException {

	private final int status;

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param status the HTTP status, or 0 when no answer came
	 */
	public BraintrustApiException(String message, int status) {
		super(message);
		this.status = status;
	}

	/**
	 * The HTTP status of the last answer.
	 * @return the status, or 0 when no answer came (connection error, timeout)
	 */
	public int status() {
		return this.status;
	}

}

package dev.braintrust.spring.actuate.endpoint;

import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint.EvalRunStartDescriptor;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP answers for starting an eval run: {@code 202 Accepted} with where to poll,
 * {@code 409 Conflict} while a run is already going, {@code 404 Not Found} for an unknown
 * eval.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = BraintrustEndpoint.class)
public class BraintrustEndpointWebExtension {

	private static final int STATUS_ACCEPTED = 202;

	private static final int STATUS_CONFLICT = 409;

	private final BraintrustEndpoint endpoint;

	private final String endpointPath;

	/**
	 * Create the extension.
	 * @param endpoint the endpoint
	 * @param endpointPath the endpoint's path, such as {@code /actuator/braintrust}
	 */
	public BraintrustEndpointWebExtension(BraintrustEndpoint endpoint, String endpointPath) {
		this.endpoint = endpoint;
		this.endpointPath = endpointPath;
	}

	/**
	 * Start a run of an eval in the background, unless one started here is going.
	 * @param eval the eval's name
	 * @return the run and where to poll it
	 */
	@WriteOperation
	public WebEndpointResponse<EvalRunStartDescriptor> runEval(@Selector String eval) {
		EvalRunStartDescriptor start = this.endpoint.runEval(eval);
		if (start == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(start.withPoll(this.endpointPath + "/" + eval),
				start.started() ? STATUS_ACCEPTED : STATUS_CONFLICT);
	}

}

package dev.braintrust.spring.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.PermalinkResolver;
import org.jspecify.annotations.Nullable;

/**
 * Links to rows in the Braintrust app, in the official SDKs' formats: with the object's
 * id known,
 * {@code {app_url}/app/{org}/object?object_type={type}&object_id={id}&id={row}}; before
 * registration, {@code {app_url}/app/{org}/p/{project}/logs?oid={row}} for project logs,
 * and the experiment's or dataset's page otherwise. Without an organization name (set
 * {@code braintrust.org-name}, or wait for the first export, which looks it up) the link
 * is the SDKs' {@code error-generating-link} form. Never touches the network.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public final class RemotePermalinkResolver implements PermalinkResolver {

	private final String appUrl;

	private final Supplier<@Nullable String> orgName;

	private final Function<ObjectRef, @Nullable String> objectIds;

	/**
	 * Create a resolver.
	 * @param appUrl the URL of Braintrust's web app
	 * @param orgName the organization name, or null while unknown
	 * @param objectIds the Braintrust id of an object, or null while unknown
	 */
	public RemotePermalinkResolver(String appUrl, Supplier<@Nullable String> orgName,
			Function<ObjectRef, @Nullable String> objectIds) {
		this.appUrl = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
		this.orgName = orgName;
		this.objectIds = objectIds;
	}

	@Override
	public String permalink(ObjectRef target, String rowId) {
		String org = this.orgName.get();
		if (org == null) {
			return this.appUrl + "/error-generating-link?msg="
					+ encode("Braintrust organization name unknown: set braintrust.org-name");
		}
		String base = this.appUrl + "/app/" + encode(org);
		String objectId = this.objectIds.apply(target);
		if (objectId != null) {
			return base + "/object?object_type=" + target.type().wireName() + "&object_id=" + encode(objectId) + "&id="
					+ encode(rowId);
		}
		String project = base + "/p/" + encode(target.projectName());
		return switch (target.type()) {
			case PROJECT_LOGS -> project + "/logs?oid=" + encode(rowId);
			case EXPERIMENT -> project + "/experiments/" + encode(target.name());
			case DATASET -> project + "/datasets/" + encode(target.name());
		};
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}

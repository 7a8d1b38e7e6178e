package dev.braintrust.spring.export;

import java.util.function.Function;
import java.util.function.Supplier;

import dev.braintrust.spring.logger.ObjectRef;
import dev.braintrust.spring.logger.ObjectType;
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
		String objectId = this.objectIds.apply(target);
		if (objectId != null) {
			return this.appUrl + "/app/" + encode(org) + "/object?object_type=" + target.type().wireName()
					+ "&object_id=" + encode(objectId) + "&id=" + encode(rowId);
		}
		String project = projectPage(org, target.projectName());
		return switch (target.type()) {
			case PROJECT_LOGS -> project + "/logs?oid=" + encode(rowId);
			case EXPERIMENT, DATASET -> objectPage(org, target.type(), target.projectName(), target.name());
		};
	}

	/**
	 * The page of a project in the Braintrust app:
	 * {@code {app_url}/app/{org}/p/{project}}, every part percent-encoded.
	 * @param projectName the project name
	 * @return the URL, or null while the organization name is unknown
	 */
	public @Nullable String projectUrl(String projectName) {
		String org = this.orgName.get();
		return (org != null) ? projectPage(org, projectName) : null;
	}

	/**
	 * The page of an experiment or a dataset in the Braintrust app, as the SDKs print it
	 * in summaries: {@code {app_url}/app/{org}/p/{project}/experiments/{name}} (or
	 * {@code /datasets/{name}}), every part percent-encoded, {@code /} included.
	 * @param type {@link ObjectType#EXPERIMENT} or {@link ObjectType#DATASET}; the
	 * project's logs page otherwise
	 * @param projectName the project name
	 * @param name the experiment or dataset name, as Braintrust knows it
	 * @return the URL, or null while the organization name is unknown
	 */
	public @Nullable String objectUrl(ObjectType type, String projectName, String name) {
		String org = this.orgName.get();
		return (org != null) ? objectPage(org, type, projectName, name) : null;
	}

	private String projectPage(String org, String projectName) {
		return this.appUrl + "/app/" + encode(org) + "/p/" + encode(projectName);
	}

	private String objectPage(String org, ObjectType type, String projectName, String name) {
		String project = projectPage(org, projectName);
		return switch (type) {
			case PROJECT_LOGS -> project + "/logs";
			case EXPERIMENT -> project + "/experiments/" + encode(name);
			case DATASET -> project + "/datasets/" + encode(name);
		};
	}

	private static String encode(String value) {
		return PercentEncoding.encode(value);
	}

}

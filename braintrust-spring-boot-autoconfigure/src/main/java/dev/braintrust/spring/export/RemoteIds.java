package dev.braintrust.spring.export;

import org.jspecify.annotations.Nullable;

/**
 * The Braintrust ids of an object rows go to.
 *
 * @param projectId the project id, or null when only the object id is known (an existing
 * experiment named by id)
 * @param objectId the id {@code POST /v1/insert} files the rows under: the project id for
 * project logs, else the experiment or dataset id
 * @author Braintrust
 */
record RemoteIds(@Nullable String projectId, String objectId) {

}

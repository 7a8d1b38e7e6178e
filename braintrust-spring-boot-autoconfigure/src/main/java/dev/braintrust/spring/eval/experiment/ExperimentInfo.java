package dev.braintrust.spring.eval.experiment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An experiment that already exists: in the local store or in Braintrust.
 *
 * @param id the experiment id (the local store's key in local mode)
 * @param name the experiment name
 * @param projectName the project it belongs to
 * @param created when it was created, if known
 * @param location where to see it: a file path or a Braintrust URL, if known
 * @author Braintrust
 * @since 0.1.0
 */
public record ExperimentInfo(String id, String name, String projectName, @Nullable Instant created,
		@Nullable String location) {

}

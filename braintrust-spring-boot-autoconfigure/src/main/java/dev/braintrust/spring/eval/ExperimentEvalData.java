package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.eval.experiment.CaseRecords;
import dev.braintrust.spring.eval.experiment.ExperimentCatalog;
import dev.braintrust.spring.eval.experiment.ExperimentInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads cases from an earlier experiment's root spans, as the SDKs'
 * {@code BaseExperiment()} does: input, expected (or the output when there is none),
 * metadata and tags.
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 */
final class ExperimentEvalData<I, O> implements EvalData<I, O> {

	private final @Nullable String nameOrId;

	private final Class<I> inputType;

	private final Class<O> expectedType;

	ExperimentEvalData(@Nullable String nameOrId, Class<I> inputType, Class<O> expectedType) {
		this.nameOrId = nameOrId;
		this.inputType = inputType;
		this.expectedType = expectedType;
	}

	@Override
	public LoadedEvalData<I, O> load(EvalDataContext context) {
		ExperimentCatalog catalog = context.experiments();
		ExperimentInfo experiment = find(context, catalog);
		List<EvalCase<I, O>> cases = new ArrayList<>();
		for (ObjectNode root : CaseRecords.rootRows(catalog.readRows(experiment))) {
			String where = "row " + root.path("id").asString("?") + " of experiment '" + experiment.name() + "'";
			JsonNode expected = root.hasNonNull("expected") ? root.get("expected") : root.get("output");
			JsonNode input = root.has("input") ? root.get("input") : NullNode.getInstance();
			cases.add(
					JsonCases
						.toCase(context, input, expected, root.get("metadata"), root.get("tags"), this.inputType,
								this.expectedType, where)
						.build());
		}
		return LoadedEvalData.of(cases);
	}

	private ExperimentInfo find(EvalDataContext context, ExperimentCatalog catalog) {
		if (this.nameOrId == null) {
			ExperimentInfo base = context.baseExperiment();
			if (base == null) {
				throw new IllegalStateException("Eval '" + context.evalName() + "' reads its cases from its base "
						+ "experiment, but project '" + context.projectName() + "' has no earlier experiment");
			}
			return base;
		}
		return catalog.findById(context.projectName(), this.nameOrId)
			.or(() -> catalog.findByName(context.projectName(), this.nameOrId))
			.orElseThrow(() -> new IllegalArgumentException(
					"Eval '" + context.evalName() + "' reads its cases from " + "experiment '" + this.nameOrId
							+ "', but project '" + context.projectName() + "' has no experiment with that name or id"));
	}

	@Override
	public String toString() {
		return "EvalData[experiment " + ((this.nameOrId != null) ? this.nameOrId : "<base>") + "]";
	}

}

package dev.braintrust.spring.eval;

import java.util.ArrayList;
import java.util.List;

import dev.braintrust.spring.eval.dataset.Dataset;
import dev.braintrust.spring.eval.dataset.DatasetOptions;
import dev.braintrust.spring.eval.dataset.DatasetRecord;

/**
 * Reads cases from a dataset, recording the dataset's id and version and each case's
 * origin.
 *
 * @param <I> the input type
 * @param <O> the expected output type
 * @author Braintrust
 */
final class DatasetEvalData<I, O> implements EvalData<I, O> {

	private final DatasetOptions options;

	private final Class<I> inputType;

	private final Class<O> expectedType;

	DatasetEvalData(DatasetOptions options, Class<I> inputType, Class<O> expectedType) {
		this.options = options;
		this.inputType = inputType;
		this.expectedType = expectedType;
	}

	@Override
	public LoadedEvalData<I, O> load(EvalDataContext context) {
		DatasetOptions resolved = (this.options.project() != null) ? this.options
				: this.options.inProject(context.projectName());
		Dataset dataset = context.datasets().open(resolved);
		String version = dataset.version();
		if (dataset.pinnedVersion() == null) {
			// read the version recorded on the experiment, even if the dataset changes
			// meanwhile
			dataset = context.datasets().open(resolved.atVersion(version));
		}
		List<EvalCase<I, O>> cases = new ArrayList<>();
		for (DatasetRecord record : dataset.fetchAll()) {
			String where = "record " + record.id() + " of dataset '" + dataset.name() + "'";
			EvalCase.Builder<I, O> builder = JsonCases.toCase(context, record.input(), record.expected(),
					record.metadata(), null, this.inputType, this.expectedType, where);
			builder.tags(record.tags());
			builder.id(record.id());
			builder.origin(EvalCaseOrigin.dataset(dataset.id(), record.id(), record.xactId(), record.created()));
			cases.add(builder.build());
		}
		return new LoadedEvalData<>(cases, dataset.id(), version);
	}

	@Override
	public String toString() {
		return "EvalData[dataset " + this.options.name() + "]";
	}

}

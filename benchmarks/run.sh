#!/usr/bin/env bash
# Builds the benchmarks with the repository's Maven wrapper, runs them, and ends by printing
# one "name: value" line per figure. Usage: bash benchmarks/run.sh [--quick]
#   --quick   short runs (under 5 minutes on 2 cores), to check that every figure comes out
#   (none)    the full run, for the figures in benchmarks/README.md
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
mode=()
if [[ "${1:-}" == "--quick" ]]; then
	mode=(--quick)
elif [[ -n "${1:-}" ]]; then
	echo "usage: bash benchmarks/run.sh [--quick]" >&2
	exit 2
fi

# The class paths come from the same build: the benchmarks' own, and the sample application's
# (its plain classes: its packaged jar is a repackaged Spring Boot jar).
./mvnw -q -B -pl benchmarks,sample-app -am package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -DskipTests
classpath="$root/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
sample_classpath="$root/benchmarks/target/classes:$root/sample-app/target/classes:$(cat sample-app/target/classpath.txt)"

# The fake Braintrust server validates requests against ../shared/reference/braintrust-openapi.json
shared="${BRAINTRUST_SHARED_DIR:-$root/../shared}"
figures="$root/benchmarks/target/figures.txt"
logs="$root/benchmarks/target/logs"
mkdir -p "$logs"
: > "$figures"

run() {
	local name="$1"
	shift
	echo "== $name" >&2
	java -Dbenchmarks.figures="$figures" "$@" "${mode[@]}" > "$logs/$name.log" 2>&1 || {
		echo "benchmark $name failed; see $logs/$name.log" >&2
		tail -30 "$logs/$name.log" >&2
		return 1
	}
	grep -E '^\[benchmarks\]' "$logs/$name.log" >&2 || true
}

run traced -cp "$classpath" dev.braintrust.spring.benchmarks.TracedFigures
run pipeline -Xms1g -Xmx1g -Dbraintrust.shared.dir="$shared" -cp "$classpath" \
	dev.braintrust.spring.benchmarks.PipelineFigures
run eval -Xmx1g -cp "$classpath" dev.braintrust.spring.benchmarks.EvalFigures
run startup -Dbenchmarks.sample.classpath="$sample_classpath" -cp "$classpath" \
	dev.braintrust.spring.benchmarks.StartupFigures

echo "== figures ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))" >&2
cat "$figures"

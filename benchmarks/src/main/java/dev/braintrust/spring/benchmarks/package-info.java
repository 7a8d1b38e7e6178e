/**
 * Benchmarks of the starter against OpenTelemetry and physical limits, run by
 * {@code benchmarks/run.sh}: JMH for the caller-thread cost of {@code @Traced}, plain
 * harnesses for the row pipeline, evals and start-up. Each harness prints its figures as
 * {@code name: value} lines.
 */
@NullMarked
package dev.braintrust.spring.benchmarks;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration for Braintrust: properties, connection details, the logger and its
 * exporters, and the failure analyzer for misconfigurations.
 */
@NullMarked
package dev.braintrust.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;

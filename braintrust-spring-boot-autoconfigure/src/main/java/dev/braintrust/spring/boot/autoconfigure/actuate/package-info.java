/**
 * Auto-configuration for the actuator: the {@code braintrust} endpoint, the
 * {@code braintrust} health indicator and the Micrometer meters.
 */
@NullMarked
package dev.braintrust.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;

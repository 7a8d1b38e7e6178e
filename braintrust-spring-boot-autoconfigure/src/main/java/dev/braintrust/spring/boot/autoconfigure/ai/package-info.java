/**
 * Auto-configuration for the Spring AI integration.
 */
@NullMarked
package dev.braintrust.spring.boot.autoconfigure.ai;

import org.jspecify.annotations.NullMarked;

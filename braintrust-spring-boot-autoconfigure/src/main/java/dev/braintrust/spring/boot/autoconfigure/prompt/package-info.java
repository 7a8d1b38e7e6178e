/**
 * Auto-configuration for Braintrust prompts.
 */
@NullMarked
package dev.braintrust.spring.boot.autoconfigure.prompt;

import org.jspecify.annotations.NullMarked;

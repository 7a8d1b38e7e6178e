/**
 * The {@code braintrust} health indicator.
 */
@NullMarked
package dev.braintrust.spring.health;

import org.jspecify.annotations.NullMarked;

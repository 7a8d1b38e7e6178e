/**
 * Orders: an in-memory repository and the order-lookup tool offered to the model.
 */
@NullMarked
package dev.braintrust.spring.sample.orders;

import org.jspecify.annotations.NullMarked;

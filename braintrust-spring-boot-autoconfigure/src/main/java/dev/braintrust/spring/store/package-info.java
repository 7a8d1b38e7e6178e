/**
 * The embedded local store: Braintrust rows as append-only JSON Lines files, the offline
 * default when no API key is configured.
 */
@NullMarked
package dev.braintrust.spring.store;

import org.jspecify.annotations.NullMarked;

package dev.braintrust.spring.export;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of an object's rows, from {@code POST /v1/{object}/{id}/fetch}.
 *
 * @param rows the rows of the page, newest first, one per id
 * @param cursor the cursor of the next page, or null after the last one
 * @author Braintrust
 * @since 0.1.0
 */
public record FetchedPage(List<ObjectNode> rows, @Nullable String cursor) {

	/**
	 * Create a page, copying the rows.
	 * @param rows the rows
	 * @param cursor the next cursor
	 */
	public FetchedPage {
		rows = List.copyOf(rows);
	}

}

package dev.braintrust.spring.export;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of an object read with {@code POST /v1/{object}/{id}/fetch}: one per id, the
 * newest version of each (fetch pages go from the latest transaction to the earliest and
 * may repeat older versions of a row), oldest first by {@code created}, then by
 * transaction.
 *
 * @param rows the rows, oldest first
 * @param maxXactId the largest {@code _xact_id} read, or null when no row has one
 * @author Braintrust
 * @since 0.1.0
 */
public record FetchedRows(List<ObjectNode> rows, @Nullable String maxXactId) {

	/**
	 * Create the result, copying the rows.
	 * @param rows the rows
	 * @param maxXactId the largest transaction id
	 */
	public FetchedRows {
		rows = List.copyOf(rows);
	}

	/**
	 * Collect the events of every page.
	 * @param events the events, in the order the pages returned them
	 * @return the rows
	 */
	static FetchedRows of(List<ObjectNode> events) {
		String maxXactId = null;
		for (ObjectNode event : events) {
			String xactId = event.path("_xact_id").asString(null);
			if (xactId != null && (maxXactId == null || compareXactIds(xactId, maxXactId) > 0)) {
				maxXactId = xactId;
			}
		}
		// pages come newest first; rows of one transaction keep the server's order
		List<ObjectNode> rows = newestById(events);
		rows.sort(Comparator.comparing(FetchedRows::created, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(FetchedRows::xactId, FetchedRows::compareXactIds));
		return new FetchedRows(rows, maxXactId);
	}

	/**
	 * Keep the newest version of each id of one page, in the page's order.
	 * @param events a page's events
	 * @return the events, one per id
	 */
	static List<ObjectNode> newestById(List<ObjectNode> events) {
		Map<String, ObjectNode> newest = new LinkedHashMap<>();
		for (ObjectNode event : events) {
			String id = event.path("id").asString("");
			ObjectNode earlier = newest.get(id);
			if (earlier == null || compareXactIds(xactId(event), xactId(earlier)) > 0) {
				newest.put(id, event);
			}
		}
		return new ArrayList<>(newest.values());
	}

	/**
	 * Compare two transaction ids: decimal strings of any length, growing with time.
	 * @param a one id
	 * @param b another id
	 * @return a negative number, zero or a positive number as {@code a} is older than,
	 * the same as or newer than {@code b}
	 */
	public static int compareXactIds(String a, String b) {
		String x = stripZeros(a.trim());
		String y = stripZeros(b.trim());
		return (x.length() != y.length()) ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
	}

	private static String xactId(JsonNode event) {
		return event.path("_xact_id").asString("0");
	}

	/**
	 * When a row, or an object such as an experiment, was created, as Braintrust returns
	 * it ({@code 2025-10-30T15:14:52.698882Z}, or with an offset).
	 * @param node the row or object
	 * @return the time, or null when it has none or it cannot be read
	 */
	public static @Nullable Instant created(JsonNode node) {
		String created = node.path("created").asString(null);
		if (created == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(created).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String stripZeros(String value) {
		int start = 0;
		while (start < value.length() - 1 && value.charAt(start) == '0') {
			start++;
		}
		return value.substring(start);
	}

}

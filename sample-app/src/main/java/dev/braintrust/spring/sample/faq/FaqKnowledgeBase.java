package dev.braintrust.spring.sample.faq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * The shop's FAQ, read from a JSON Lines resource (one {@link FaqEntry} a line).
 *
 * @author Braintrust
 */
public class FaqKnowledgeBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, FaqEntry> entries;

	/**
	 * Read a knowledge base.
	 * @param resource the JSON Lines resource
	 * @throws IllegalStateException when a line is not a valid entry or an id repeats
	 */
	public FaqKnowledgeBase(Resource resource) {
		this(read(resource));
	}

	/**
	 * A knowledge base of the given entries.
	 * @param entries the entries, with distinct ids
	 */
	public FaqKnowledgeBase(List<FaqEntry> entries) {
		Map<String, FaqEntry> byId = new LinkedHashMap<>();
		for (FaqEntry entry : entries) {
			Assert.state(byId.putIfAbsent(entry.id(), entry) == null, () -> "Duplicate FAQ id '" + entry.id() + "'");
		}
		this.entries = byId;
	}

	/**
	 * All entries, in file order.
	 * @return the entries
	 */
	public List<FaqEntry> entries() {
		return List.copyOf(this.entries.values());
	}

	/**
	 * The entry with an id.
	 * @param id the id
	 * @return the entry, if there is one
	 */
	public Optional<FaqEntry> find(String id) {
		return Optional.ofNullable(this.entries.get(id));
	}

	private static List<FaqEntry> read(Resource resource) {
		List<FaqEntry> entries = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			int number = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				FaqEntry entry = JSON.readValue(line, FaqEntry.class);
				Assert.state(entry.id() != null && entry.question() != null && entry.answer() != null,
						"Line " + number + " of " + resource + " needs an id, a question and an answer");
				entries.add(entry);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the FAQ from " + resource, ex);
		}
		return entries;
	}

}

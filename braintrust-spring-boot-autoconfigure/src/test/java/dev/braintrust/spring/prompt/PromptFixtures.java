package dev.braintrust.spring.prompt;

/**
 * Prompt objects in the shape of Braintrust's {@code GET /v1/prompt} responses, for
 * tests.
 *
 * @author Braintrust
 */
final class PromptFixtures {

	static final String PROMPT_ID = "5b1e8ba4-55a4-4a8e-8b6e-4d0a5ff1c9a1";

	static final String PROJECT_ID = "0f5c6f0e-2a59-4c43-9d59-8a3c3e4d2b10";

	static final String ORG_ID = "8e3b1c2d-4f5a-4b6c-9d7e-0a1b2c3d4e5f";

	private PromptFixtures() {
	}

	/**
	 * A chat prompt with a system and a user message, tools, and OpenAI parameters.
	 */
	static String chat(String xactId, String system) {
		return """
				{
				  "id": "%s",
				  "_xact_id": "%s",
				  "project_id": "%s",
				  "log_id": "p",
				  "org_id": "%s",
				  "name": "Answer question",
				  "slug": "answer-question",
				  "description": "Answers support questions",
				  "created": "2026-05-01T10:00:00.000Z",
				  "prompt_data": {
				    "prompt": {
				      "type": "chat",
				      "messages": [
				        {"role": "system", "content": "%s"},
				        {"role": "user", "content": "Customer {{customer.name}} asks: {{question}}"}
				      ],
				      "tools": "[{\\"type\\":\\"function\\",\\"function\\":{\\"name\\":\\"lookup_order\\",\\"description\\":\\"Find an order of {{customer.name}}\\",\\"parameters\\":{\\"type\\":\\"object\\",\\"properties\\":{\\"id\\":{\\"type\\":\\"string\\"}}}}}]"
				    },
				    "options": {
				      "model": "gpt-4o",
				      "params": {"temperature": 0.2, "max_tokens": 512, "top_p": 0.9, "stop": ["END"],
				                 "frequency_penalty": 0.1, "presence_penalty": 0.3, "use_cache": true,
				                 "response_format": {"type": "json_object"}}
				    },
				    "template_format": "mustache"
				  },
				  "tags": ["support"],
				  "metadata": null,
				  "function_type": null
				}
				"""
			.formatted(PROMPT_ID, xactId, PROJECT_ID, ORG_ID, system);
	}

	static String chat(String xactId) {
		return chat(xactId, "You are the support assistant of {{shop}}.");
	}

}

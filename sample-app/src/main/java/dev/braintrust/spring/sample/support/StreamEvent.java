package dev.braintrust.spring.sample.support;

/**
 * What a streamed answer emits: the model's text as it comes, then the post-processed
 * answer.
 *
 * @author Braintrust
 */
public sealed interface StreamEvent {

	/**
	 * A piece of the model's text (with citations still in it).
	 *
	 * @param text the text
	 */
	record Token(String text) implements StreamEvent {

	}

	/**
	 * The end of the answer.
	 *
	 * @param response the post-processed answer
	 */
	record Done(AskResponse response) implements StreamEvent {

	}

}

package dev.braintrust.spring.sample.support;

import dev.braintrust.spring.prompt.SpringAiPrompts;
import dev.braintrust.spring.sample.faq.FaqKnowledgeBase;
import dev.braintrust.spring.sample.faq.FaqRetriever;
import dev.braintrust.spring.sample.orders.OrderRepository;
import dev.braintrust.spring.sample.orders.OrderTools;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The support assistant's beans.
 *
 * @author Braintrust
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportProperties.class)
class SupportConfiguration {

	@Bean
	FaqKnowledgeBase faqKnowledgeBase(@Value("classpath:faq/knowledge-base.jsonl") Resource resource) {
		return new FaqKnowledgeBase(resource);
	}

	@Bean
	FaqRetriever faqRetriever(FaqKnowledgeBase knowledgeBase, SupportProperties properties) {
		return new FaqRetriever(knowledgeBase, properties.getRetrieval().getTopK(),
				properties.getRetrieval().getMinScore());
	}

	@Bean
	OrderRepository orderRepository() {
		return new OrderRepository();
	}

	@Bean
	OrderTools orderTools(OrderRepository orderRepository) {
		return new OrderTools(orderRepository);
	}

	@Bean
	AnswerPostProcessor answerPostProcessor(FaqKnowledgeBase knowledgeBase) {
		return new AnswerPostProcessor(knowledgeBase);
	}

	@Bean
	SupportAssistant supportAssistant(ChatClient.Builder chatClientBuilder, SpringAiPrompts prompts,
			FaqRetriever faqRetriever, OrderTools orderTools, AnswerPostProcessor answerPostProcessor) {
		return new SupportAssistant(chatClientBuilder, prompts, faqRetriever, orderTools, answerPostProcessor);
	}

}

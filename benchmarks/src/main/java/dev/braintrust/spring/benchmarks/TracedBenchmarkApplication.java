package dev.braintrust.spring.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application around {@link QuoteService}: the starter's real auto-configuration
 * proxies it and logs its spans with the real logger.
 *
 * @author Braintrust
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class TracedBenchmarkApplication {

	@Bean
	QuoteService quoteService() {
		return new QuoteService();
	}

}

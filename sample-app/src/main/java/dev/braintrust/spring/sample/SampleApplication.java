package dev.braintrust.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A support assistant for a fictional shop, traced with Braintrust. Runs offline on the
 * embedded local store unless a Braintrust API key is configured.
 *
 * @author Braintrust
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}

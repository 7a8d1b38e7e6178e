package dev.braintrust.spring.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says hello.
 *
 * @author Braintrust
 */
@RestController
class GreetingController {

	private final GreetingService greetingService;

	GreetingController(GreetingService greetingService) {
		this.greetingService = greetingService;
	}

	@GetMapping("/api/hello")
	String hello(@RequestParam(defaultValue = "there") String name) {
		return this.greetingService.greet(name);
	}

}

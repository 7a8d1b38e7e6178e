package dev.braintrust.spring.boot.autoconfigure.actuate;

import dev.braintrust.spring.actuate.endpoint.BraintrustEndpoint;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Anyone may read {@code health}; role {@code OPS} reads the other endpoints, and only
 * role {@code BRAINTRUST_OPERATOR} starts eval runs and flushes.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				// starting eval runs and flushing, wherever the endpoint is mapped
				.requestMatchers(EndpointRequest.to(BraintrustEndpoint.class).withHttpMethod(HttpMethod.POST))
				.hasRole("BRAINTRUST_OPERATOR")
				.anyRequest()
				.hasRole("OPS"))
			// the write operations are called by scripts, not browsers
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.to(BraintrustEndpoint.class)))
			.httpBasic(Customizer.withDefaults())
			.build();
	}

}

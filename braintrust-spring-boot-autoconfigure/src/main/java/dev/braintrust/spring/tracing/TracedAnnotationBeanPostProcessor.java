package dev.braintrust.spring.tracing;

import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * Proxies beans that have {@link Traced @Traced} on the class or on a method (including
 * on an interface or superclass), applying a {@link TracedMethodInterceptor}. It works on
 * JDK and CGLIB proxies and needs no AspectJ weaver, as Spring Framework's own
 * {@code ConcurrencyLimitBeanPostProcessor}. The advisor is added after existing ones, so
 * on an {@code @Async} method the span starts on the thread that runs the work.
 *
 * @author Braintrust
 * @since 0.1.0
 */
@SuppressWarnings("serial")
public class TracedAnnotationBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	/**
	 * A post-processor applying the given interceptor.
	 * @param interceptor the interceptor
	 */
	public TracedAnnotationBeanPostProcessor(TracedMethodInterceptor interceptor) {
		Pointcut classPointcut = new AnnotationMatchingPointcut(Traced.class, true);
		Pointcut methodPointcut = new AnnotationMatchingPointcut(null, Traced.class, true);
		this.advisor = new DefaultPointcutAdvisor(new ComposablePointcut(classPointcut).union(methodPointcut),
				interceptor);
	}

}

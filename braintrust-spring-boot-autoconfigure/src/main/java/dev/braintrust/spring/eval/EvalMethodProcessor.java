package dev.braintrust.spring.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the evals of an application once every singleton bean exists, and fills the
 * {@link EvalRegistry}:
 * <ul>
 * <li>every bean that is an {@link EvalDefinition}, named by an {@link Eval} annotation
 * on its class or {@code @Bean} method, else by its bean name;</li>
 * <li>every no-argument {@link Eval} method of a bean that returns an
 * {@link EvalDefinition}, named by the annotation, else by the method name, and called
 * each time the eval runs.</li>
 * </ul>
 * Methods are found with {@link MethodIntrospector}, and classes without any are
 * remembered, as Spring's {@code EventListenerMethodProcessor} does.
 *
 * @author Braintrust
 * @since 0.1.0
 */
public class EvalMethodProcessor implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(EvalMethodProcessor.class);

	private final Set<Class<?>> nonAnnotatedClasses = Collections.newSetFromMap(new ConcurrentHashMap<>(64));

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
				"EvalMethodProcessor needs a ConfigurableListableBeanFactory");
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No ConfigurableListableBeanFactory set");
		List<RegisteredEval> evals = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetType(beanFactory, beanName);
			if (type == null) {
				continue;
			}
			try {
				processBean(beanFactory, beanName, type, evals);
			}
			catch (RuntimeException ex) {
				throw new BeanInitializationException(
						"Failed to process the evals of bean '" + beanName + "': " + ex.getMessage(), ex);
			}
		}
		beanFactory.getBean(EvalRegistry.class).register(evals);
		if (logger.isDebugEnabled()) {
			logger.debug("Found " + evals.size() + " eval(s): " + evals);
		}
	}

	private static @Nullable Class<?> targetType(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			if (type != null && ScopedObject.class.isAssignableFrom(type)) {
				Class<?> target = AutoProxyUtils.determineTargetClass(beanFactory,
						ScopedProxyUtils.getTargetBeanName(beanName));
				if (target != null) {
					type = target;
				}
			}
			return type;
		}
		catch (RuntimeException ex) {
			// an unresolvable bean type, probably from a lazy bean
			logger.debug("Could not resolve the target class of bean '" + beanName + "'", ex);
			return null;
		}
	}

	private void processBean(ConfigurableListableBeanFactory beanFactory, String beanName, Class<?> type,
			List<RegisteredEval> evals) {
		if (EvalDefinition.class.isAssignableFrom(type)) {
			Eval eval = beanFactory.findAnnotationOnBean(beanName, Eval.class, false);
			String source = "bean '" + beanName + "' (" + type.getName() + ")";
			evals.add(new RegisteredEval(EvalAnnotations.name(eval, beanName), source,
					() -> (EvalDefinition<?, ?>) beanFactory.getBean(beanName), EvalAnnotations.options(eval, source)));
		}
		else if (AnnotatedElementUtils.hasAnnotation(type, Eval.class)) {
			throw new IllegalStateException("@Eval is on class " + type.getName() + ", which does not implement "
					+ EvalDefinition.class.getName() + "; implement it, or put @Eval on a method that returns one");
		}
		if (this.nonAnnotatedClasses.contains(type) || !AnnotationUtils.isCandidateClass(type, Eval.class)
				|| type.getName().startsWith("org.springframework.")) {
			return;
		}
		Map<Method, Eval> methods;
		try {
			methods = MethodIntrospector.selectMethods(type,
					(MethodIntrospector.MetadataLookup<Eval>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, Eval.class));
		}
		catch (RuntimeException | LinkageError ex) {
			// an unresolvable type in a method signature, probably from a lazy bean
			logger.debug("Could not resolve the methods of bean '" + beanName + "'", ex);
			return;
		}
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(type);
			return;
		}
		methods.forEach((method, eval) -> {
			if (AnnotatedElementUtils.hasAnnotation(method, Bean.class)) {
				// a @Bean method: its bean is registered as an EvalDefinition bean
				return;
			}
			evals.add(methodEval(beanFactory, beanName, method, eval));
		});
	}

	private static RegisteredEval methodEval(ConfigurableListableBeanFactory beanFactory, String beanName,
			Method method, Eval eval) {
		String source = "method " + method.getDeclaringClass().getName() + "." + method.getName() + "()";
		if (method.getParameterCount() != 0 || !EvalDefinition.class.isAssignableFrom(method.getReturnType())) {
			throw new IllegalStateException("@Eval " + source + " must take no arguments and return an "
					+ EvalDefinition.class.getSimpleName() + ", but it is " + method.toGenericString());
		}
		Class<?> beanType = beanFactory.getType(beanName, false);
		Method invocable = AopUtils.selectInvocableMethod(method,
				(beanType != null) ? beanType : method.getDeclaringClass());
		ReflectionUtils.makeAccessible(invocable);
		return new RegisteredEval(EvalAnnotations.name(eval, method.getName()), source,
				() -> invoke(beanFactory.getBean(beanName), invocable, source), EvalAnnotations.options(eval, source));
	}

	private static EvalDefinition<?, ?> invoke(Object bean, Method method, String source) {
		try {
			return (EvalDefinition<?, ?>) method.invoke(bean);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(source + " threw " + cause, cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + source, ex);
		}
	}

}

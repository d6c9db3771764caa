package io.scouter.jaxrs;

import io.scouter.jaxrs.internal.cdi.AsyncResourceScope;
import io.scouter.jaxrs.internal.cdi.AsyncResourceScopeInterceptor;
import io.scouter.jaxrs.internal.JaxrsSettings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedMethodConfigurator;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.Suspended;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.concurrent.CompletionStage;

/**
 * Portable CDI extension (Weld: Payara, Open Liberty, WildFly; found through {@code META-INF/services}): binds a small
 * interceptor to async JAX-RS resource methods of CDI-managed resources ({@code @Suspended AsyncResponse} parameter or
 * {@code CompletionStage} return type) so the SERVER span's scope is closed on the request thread as soon as the method
 * returns; and fails deployment on an invalid JAX-RS key. Quarkus ignores portable extensions; there (and for resources that are not CDI beans) a scope left by an
 * async resource is closed when the thread serves its next request, and never becomes the parent of another request.
 *
 * <pre>{@code
 * // nothing to do: the jar registers it
 * }</pre>
 */
public class ScouterJaxrsExtension implements Extension {

  /** Fails deployment on an invalid {@code scouter.jaxrs.*} or {@code scouter.propagation} value, naming the key. */
  void validate(@Observes AfterDeploymentValidation event) {
    try {
      JaxrsSettings.current(); // parsed here once per application; the filters reuse it
    } catch (IllegalArgumentException e) {
      event.addDeploymentProblem(e);
    }
  }

  void addInterceptor(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    event.addInterceptorBinding(AsyncResourceScope.class);
    event.addAnnotatedType(beanManager.createAnnotatedType(AsyncResourceScopeInterceptor.class),
        ScouterJaxrsExtension.class.getName() + "#" + AsyncResourceScopeInterceptor.class.getSimpleName());
    if (providersMustBeBeans()) {
      for (Class<?> provider : SERVER_PROVIDERS) {
        event.addAnnotatedType(beanManager.createAnnotatedType(provider),
            ScouterJaxrsExtension.class.getName() + "#" + provider.getSimpleName());
      }
    }
  }

  /** The server-side {@code @Provider} classes of this jar (what {@link ScouterServerFeature} registers). */
  private static final Class<?>[] SERVER_PROVIDERS = {
      ScouterContainerFilter.class, ScouterRouteFilter.class, ScouterEntityInterceptor.class
  };

  /**
   * Helidon MP registers as JAX-RS providers only the {@code @Provider} classes that are CDI managed beans (it does not
   * scan jars without {@code beans.xml}, as this one is): there the server providers are added as beans. Elsewhere
   * they are found by the JAX-RS implementation's own scanning and stay plain providers (no second registration).
   */
  static boolean providersMustBeBeans() {
    try {
      Class.forName("io.helidon.microprofile.server.JaxRsCdiExtension", false,
          ScouterJaxrsExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  <T> void bindAsyncResourceMethods(
      @Observes @WithAnnotations({Path.class, Suspended.class}) ProcessAnnotatedType<T> event) {
    Class<T> type = event.getAnnotatedType().getJavaClass();
    if (type.isInterface() || Modifier.isFinal(type.getModifiers())) {
      return;
    }
    boolean any = false;
    for (AnnotatedMethod<? super T> m : event.getAnnotatedType().getMethods()) {
      if (isAsyncResourceMethod(m.getJavaMember())) {
        any = true;
        break;
      }
    }
    if (!any) {
      return;
    }
    for (AnnotatedMethodConfigurator<? super T> m : event.configureAnnotatedType().methods()) {
      if (isAsyncResourceMethod(m.getAnnotated().getJavaMember())) {
        m.add(AsyncResourceScope.Literal.INSTANCE);
      }
    }
  }

  static boolean isAsyncResourceMethod(Method m) {
    int mod = m.getModifiers();
    if (!Modifier.isPublic(mod) || Modifier.isStatic(mod) || Modifier.isFinal(mod) || !hasHttpMethod(m)) {
      return false;
    }
    if (CompletionStage.class.isAssignableFrom(m.getReturnType())) {
      return true;
    }
    for (Parameter p : m.getParameters()) {
      if (p.isAnnotationPresent(Suspended.class)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasHttpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }
}

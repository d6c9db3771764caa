package io.scouter.jaxrs;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers the server-side providers ({@link ScouterContainerFilter}, {@link ScouterRouteFilter},
 * {@link ScouterEntityInterceptor}) for applications that do not scan for {@code @Provider} classes.
 *
 * <pre>{@code
 * public class MyApp extends Application {
 *   public Set<Class<?>> getClasses() { return Set.of(OrdersResource.class, ScouterServerFeature.class); }
 * }
 * }</pre>
 */
@ConstrainedTo(RuntimeType.SERVER)
public class ScouterServerFeature implements Feature {
  @Override
  public boolean configure(FeatureContext context) {
    var config = context.getConfiguration();
    if (!config.isRegistered(ScouterContainerFilter.class)) {
      context.register(ScouterContainerFilter.class);
    }
    if (!config.isRegistered(ScouterRouteFilter.class)) {
      context.register(ScouterRouteFilter.class);
    }
    if (!config.isRegistered(ScouterEntityInterceptor.class)) {
      context.register(ScouterEntityInterceptor.class);
    }
    return true;
  }
}

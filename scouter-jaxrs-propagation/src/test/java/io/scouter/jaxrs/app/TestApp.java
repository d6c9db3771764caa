package io.scouter.jaxrs.app;

import io.scouter.jaxrs.ScouterServerFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Both services in one application, on one server. */
public class TestApp extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ServiceA.class, ServiceB.class, HealthResource.class, BoomMapper.class, ContextProbeFilter.class,
        ScouterServerFeature.class);
  }
}

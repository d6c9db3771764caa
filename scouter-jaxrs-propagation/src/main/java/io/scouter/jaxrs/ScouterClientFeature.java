package io.scouter.jaxrs;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers {@link ScouterClientFilter} on a client, builder or target (once). Prefer
 * {@link ScouterClientTracing#register}, which also ends spans of failed requests and carries the caller's context
 * onto async invocations.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newBuilder().register(ScouterClientFeature.class).build();
 * }</pre>
 */
@ConstrainedTo(RuntimeType.CLIENT)
public class ScouterClientFeature implements Feature {
  @Override
  public boolean configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(ScouterClientFilter.class)) {
      context.register(ScouterClientFilter.class);
    }
    return true;
  }
}

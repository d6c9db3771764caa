package io.scouter.jaxrs.internal;

import io.scouter.jaxrs.ScouterClientFilter;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Adds {@link ScouterClientFilter} and {@link ScouterAsyncInvocationInterceptorFactory} to every MicroProfile Rest
 * Client built in the application (CDI-injected or {@code RestClientBuilder}), found through
 * {@code META-INF/services/org.eclipse.microprofile.rest.client.spi.RestClientListener}. Loaded only where the MP Rest
 * Client API is present. Not a public API.
 */
public class ScouterRestClientListener implements RestClientListener {
  @Override
  public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
    if (!builder.getConfiguration().isRegistered(ScouterClientFilter.class)) {
      builder.register(ScouterClientFilter.class);
    }
    if (!builder.getConfiguration().isRegistered(ScouterAsyncInvocationInterceptorFactory.class)) {
      builder.register(ScouterAsyncInvocationInterceptorFactory.class);
    }
  }
}
